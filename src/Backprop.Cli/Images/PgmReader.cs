using static System.FormattableString;

namespace Backprop.Cli.Images;

/// <summary>Reads grey-scale PGM images: P2 (plain text) and P5 (binary).</summary>
/// <remarks>
/// The header is the magic number, width, height and maximum value, separated by white
/// space, with <c>#</c> comments running to the end of a line. P5 data follow a single white
/// space character: one byte per pixel when the maximum is below 256, else two bytes, most
/// significant first. Values are scaled to 0..255 as round(255 v / max). Sizes are checked
/// against the file's length before anything of that size is allocated. A file holding
/// more than one image is rejected (its data are longer than the header promises).
/// </remarks>
internal static class PgmReader
{
    /// <summary>The largest PGM file read, in bytes.</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>Tells whether a file's first bytes are the magic number of P2 or P5.</summary>
    /// <param name="start">The file's first bytes.</param>
    /// <returns>True for <c>P2</c> and <c>P5</c>.</returns>
    public static bool IsPgm(ReadOnlySpan<byte> start) =>
        start.Length >= 2 && start[0] == (byte)'P' && (start[1] == (byte)'2' || start[1] == '5');

    /// <summary>Reads a PGM file.</summary>
    /// <param name="path">The file, as the user gave it.</param>
    /// <returns>The image, scaled to 0..255.</returns>
    /// <exception cref="InvalidDataException">The file is malformed; the message starts with
    /// the path.</exception>
    public static GrayImage Read(string path)
    {
        var bytes = ReadBounded(path);
        if (!IsPgm(bytes))
        {
            throw Error(path, "not a grey-scale PGM file (P2 or P5 expected)");
        }

        var plain = bytes[1] == '2';
        var position = 2;
        var width = ReadNumber(bytes, ref position, path, "width");
        var height = ReadNumber(bytes, ref position, path, "height");
        var max = ReadNumber(bytes, ref position, path, "maximum value");
        CheckHeader(path, width, height, max);

        var pixels = plain
            ? ReadPlain(bytes, position, path, width * height, max)
            : ReadBinary(bytes, position, path, width * height, max);
        return new GrayImage(width, height, pixels);
    }

    private static void CheckHeader(string path, int width, int height, int max)
    {
        if (width == 0 || height == 0)
        {
            throw Error(path, Invariant($"the image is {width} x {height} pixels, empty"));
        }

        if ((long)width * height > GrayImage.MaxPixels)
        {
            throw Error(path, Invariant($"{width} x {height} pixels is larger than the ")
                + Invariant($"{GrayImage.MaxPixels:N0} pixels this tool reads"));
        }

        if (max is 0 or > ushort.MaxValue)
        {
            throw Error(path, Invariant($"maximum value {max} is outside 1..65535"));
        }
    }

    private static byte[] ReadBinary(byte[] bytes, int position, string path, int count, int max)
    {
        // Exactly one white-space character separates the header from the raster.
        if (position >= bytes.Length || !IsSpace(bytes[position]))
        {
            throw Error(path, "truncated: no raster after the header");
        }

        position++;
        var sampleBytes = max < 256 ? 1 : 2;
        var expected = (long)count * sampleBytes;
        var available = bytes.Length - position;
        if (available != expected)
        {
            var problem = available < expected ? "truncated: " : "";
            var extra = available < expected ? "" : " (data follow the image)";
            throw Error(path, Invariant($"{problem}{expected} pixel bytes expected, ")
                + Invariant($"{available} found{extra}"));
        }

        var pixels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var value = sampleBytes == 1
                ? bytes[position + i]
                : (bytes[position + (2 * i)] << 8) | bytes[position + (2 * i) + 1];
            pixels[i] = Scale(value, max, path, i);
        }

        return pixels;
    }

    private static byte[] ReadPlain(byte[] bytes, int position, string path, int count, int max)
    {
        // Each value takes at least one digit and one separator, except the last.
        if (count > (bytes.Length - position + 1) / 2)
        {
            throw Error(path, Invariant($"truncated: {count} pixel values expected, the rest ")
                + Invariant($"of the file ({bytes.Length - position} bytes) cannot hold them"));
        }

        var pixels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            SkipSpaceAndComments(bytes, ref position);
            if (position >= bytes.Length)
            {
                throw Error(
                    path, Invariant($"truncated: {count} pixel values expected, {i} found"));
            }

            pixels[i] = Scale(ReadNumber(bytes, ref position, path, "pixel value"), max, path, i);
        }

        SkipSpaceAndComments(bytes, ref position);
        if (position < bytes.Length)
        {
            throw Error(path, Invariant($"{count} pixel values expected, but more data follow"));
        }

        return pixels;
    }

    private static byte Scale(int value, int max, string path, int index)
    {
        if (value > max)
        {
            throw Error(path, Invariant($"pixel {index} is {value}, above the maximum {max}"));
        }

        return max == 255 ? (byte)value : (byte)(((value * 255L) + (max / 2)) / max);
    }

    private static int ReadNumber(byte[] bytes, ref int position, string path, string what)
    {
        SkipSpaceAndComments(bytes, ref position);
        if (position >= bytes.Length)
        {
            throw Error(path, $"truncated: the file ends before the {what}");
        }

        long value = 0;
        var start = position;
        while (position < bytes.Length && bytes[position] is >= (byte)'0' and <= (byte)'9')
        {
            value = (value * 10) + (bytes[position] - '0');
            if (value > int.MaxValue)
            {
                throw Error(path, $"the {what} is too large");
            }

            position++;
        }

        if (position == start || (position < bytes.Length && !IsSpace(bytes[position])
            && bytes[position] != '#'))
        {
            var shown = (char)bytes[Math.Min(position, bytes.Length - 1)];
            var found = char.IsControl(shown) ? Invariant($"byte {(int)shown}") : $"'{shown}'";
            throw Error(path, Invariant($"byte {position}: the {what} should be a number, ")
                + $"found {found}");
        }

        return (int)value;
    }

    private static void SkipSpaceAndComments(byte[] bytes, ref int position)
    {
        while (position < bytes.Length)
        {
            if (IsSpace(bytes[position]))
            {
                position++;
            }
            else if (bytes[position] == '#')
            {
                while (position < bytes.Length && !IsLineEnd(bytes[position]))
                {
                    position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private static bool IsLineEnd(byte b) => b is (byte)'\n' or (byte)'\r';

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n'
        or (byte)'\r' or (byte)'\v' or (byte)'\f';

    private static byte[] ReadBounded(string path)
    {
        var length = new FileInfo(path).Length;
        var bytes = length > MaxFileBytes ? null : BoundedFile.ReadAtMost(path, MaxFileBytes);
        var size = length > MaxFileBytes
            ? Invariant($"{length} bytes")
            : Invariant($"more than {MaxFileBytes} bytes (its size was reported as {length})");
        return bytes ?? throw Error(
            path, Invariant($"{size} is larger than the {MaxFileBytes} bytes a PGM file may ")
                + "have here");
    }

    private static InvalidDataException Error(string path, string problem) =>
        new($"{path}: {problem}");
}
