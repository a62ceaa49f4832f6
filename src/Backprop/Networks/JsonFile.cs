using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Backprop.Networks;

/// <summary>Opens JSON files with bounded size and nesting, reporting errors by file.</summary>
public static class JsonFile
{
    /// <summary>The largest JSON file read, in bytes: 128 MiB.</summary>
    /// <remarks>
    /// A case file takes about 28 bytes per parameter (LeNet-300-100's 266,610 take 7.5 MB),
    /// so this admits cases of about 4 million parameters; parsing one this large holds the
    /// text, a 12-byte index entry per JSON value and the values, about 1.5 GB at most.
    /// </remarks>
    public const long MaxBytes = 128L << 20;

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
            throw new FileNotFoundException($"{path}: {FileProblem.Missing(path)}", path);
        }

        var length = new FileInfo(path).Length;
        var size = length > MaxBytes
            ? $"{length} bytes"
            : $"more than {MaxBytes} bytes (its size was reported as {length})";
        var bytes = (length > MaxBytes ? null : BoundedFile.ReadAtMost(path, MaxBytes))
            ?? throw new InvalidDataException(
                $"{path}: {size}; JSON files are read up to {MaxBytes} bytes");
        try
        {
            return JsonDocument.Parse(Utf8Text(bytes, path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON{Where(e)}", e);
        }
    }

    /// <summary>Gets the options every network, case and model-metadata parse uses.</summary>
    /// <remarks>
    /// Nesting is bounded by <see cref="MaxDepth"/>, and a key given twice in one object is
    /// an error: which of the two values counts would otherwise depend on the reader.
    /// </remarks>
    public static JsonDocumentOptions Options { get; } = new()
    {
        MaxDepth = MaxDepth,
        AllowDuplicateProperties = false,
    };

    /// <summary>Checks that a file is UTF-8 text and returns it without a byte-order mark.
    /// </summary>
    /// <remarks>
    /// The JSON parser checks the UTF-8 of strings only when a string is read, and then
    /// throws <see cref="InvalidOperationException"/>; checking the whole file first turns
    /// that into a data error with its position.
    /// </remarks>
    /// <param name="bytes">The whole file.</param>
    /// <param name="path">The file path, for messages.</param>
    /// <returns>The UTF-8 text after any byte-order mark.</returns>
    /// <exception cref="InvalidDataException">The file starts with a UTF-16 or UTF-32
    /// byte-order mark, or holds bytes that are not UTF-8.</exception>
    public static ReadOnlyMemory<byte> Utf8Text(byte[] bytes, string path)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || span.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            throw new InvalidDataException(
                $"{path}: the file is UTF-16 or UTF-32 text; JSON files are read as UTF-8 "
                + "(save it as UTF-8)");
        }

        var start = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var text = bytes.AsMemory(start);
        if (!Utf8.IsValid(text.Span))
        {
            throw new InvalidDataException(
                $"{path}: not UTF-8 text: {FirstInvalid(text.Span)}");
        }

        return text;
    }

    private static string FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var (line, column) = (1, 1);
        for (var i = 0; i < bytes.Length;)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out var rune, out var used)
                != OperationStatus.Done)
            {
                return $"byte 0x{bytes[i]:X2} at line {line}, byte {column}";
            }

            (line, column) = rune.Value == '\n' ? (line + 1, 1) : (line, column + used);
            i += used;
        }

        return "an invalid sequence";
    }

    /// <summary>Describes where and why JSON text failed to parse, for an error line.</summary>
    /// <param name="exception">The parser's exception.</param>
    /// <returns>Text such as " at line 1, byte 65: the maximum configured depth of 64 has
    /// been exceeded", or the reason alone when the position is unknown.</returns>
    public static string Where(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var where = exception.LineNumber is long line
            ? $" at line {line + 1}, byte {exception.BytePositionInLine + 1}"
            : "";

        // The runtime's message repeats the position after the reason; keep the reason only.
        var reason = exception.Message;
        foreach (var marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
        {
            var at = reason.IndexOf(marker, StringComparison.Ordinal);
            reason = at >= 0 ? reason[..at] : reason;
        }

        reason = reason.Trim().TrimEnd('.');
        // Two reasons in the parser's own terms, said in the file's.
        if (reason.StartsWith(
            "The input does not contain any JSON tokens", StringComparison.Ordinal))
        {
            reason = "the file holds no JSON value (it is empty or only white space)";
        }
        else if (reason.StartsWith("Expected depth to be zero", StringComparison.Ordinal))
        {
            reason = "the file ends inside an object or array (is it cut short?)";
        }

        if (reason.Length > 160)
        {
            reason = string.Concat(reason.AsSpan(0, 160), "…");
        }

        return reason.Length == 0 ? where : $"{where}: {reason}";
    }
}
