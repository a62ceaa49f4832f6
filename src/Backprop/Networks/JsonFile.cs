using System.Text.Json;

namespace Backprop.Networks;

/// <summary>Opens JSON files with bounded size and nesting, reporting errors by file.</summary>
public static class JsonFile
{
    /// <summary>The largest JSON file read, in bytes.</summary>
    public const long MaxBytes = 512L << 20;

    /// <summary>The deepest nesting accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses a JSON file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The parsed document; the caller disposes it.</returns>
    /// <exception cref="InvalidDataException">The file is too large or not valid JSON.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static JsonDocument Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"{path}: is a folder, not a JSON file");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }

        var length = new FileInfo(path).Length;
        if (length > MaxBytes)
        {
            throw new InvalidDataException(
                $"{path}: {length} bytes; JSON files are read up to {MaxBytes} bytes");
        }

        var bytes = File.ReadAllBytes(path);
        var options = new JsonDocumentOptions { MaxDepth = MaxDepth };
        try
        {
            return JsonDocument.Parse(bytes, options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line
                ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}"
                : "";
            throw new InvalidDataException($"{path}: not valid JSON{where}", e);
        }
    }
}
