using System.Buffers.Binary;
using static System.FormattableString;

namespace Backprop.Data;

/// <summary>Reads and checks the header of an IDX file before any data is allocated.</summary>
/// <remarks>
/// Layout: bytes 0 and 1 are zero, byte 2 is the element type code, byte 3 the number of
/// dimensions d; then d sizes as 32-bit big-endian integers. The largest data accepted is
/// <see cref="Array.MaxLength"/> bytes, the most one .NET array holds.
/// </remarks>
internal static class IdxHeaderParser
{
    /// <summary>Reads the header from the start of a (decompressed) stream.</summary>
    public static IdxHeader Read(Stream stream, string path, bool isGzip)
    {
        Span<byte> magic = stackalloc byte[4];
        ReadHeaderBytes(stream, magic, 4, path);
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw Error(path, Invariant(
                $"bad magic: the first two bytes must be zero, found {magic[0]:X2} {magic[1]:X2}"));
        }

        var type = (IdxElementType)magic[2];
        if (!Enum.IsDefined(type))
        {
            throw Error(path, Invariant($"bad magic: type code 0x{magic[2]:X2} is not an ")
                + "IDX element type (0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E)");
        }

        int d = magic[3];
        if (d == 0)
        {
            throw Error(path, "bad magic: the dimension count is 0");
        }

        var dimensions = ReadDimensions(stream, d, path);
        var header = new IdxHeader(type, dimensions, isGzip);
        CheckSize(header, path);
        return header;
    }

    private static int[] ReadDimensions(Stream stream, int d, string path)
    {
        var bytes = new byte[4 * d];
        ReadHeaderBytes(stream, bytes, 4 + bytes.Length, path);
        var dimensions = new int[d];
        for (var k = 0; k < d; k++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 * k, 4));
            if (size > int.MaxValue)
            {
                throw Error(path, Invariant(
                    $"dimension {k} is {size}, more than the {int.MaxValue} supported"));
            }

            dimensions[k] = (int)size;
        }

        return dimensions;
    }

    private static void CheckSize(IdxHeader header, string path)
    {
        if (header.DataBytes > Array.MaxLength)
        {
            var sizes = string.Join(" x ", header.Dimensions);
            throw Error(path, Invariant($"the header promises {sizes} elements of ")
                + Invariant($"{header.ElementBytes} bytes, over the {Array.MaxLength} supported"));
        }
    }

    private static void ReadHeaderBytes(
        Stream stream,
        Span<byte> destination,
        int total,
        string path)
    {
        int read;
        try
        {
            read = stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: corrupt gzip data: {e.Message}", e);
        }

        if (read < destination.Length)
        {
            var found = total - destination.Length + read;
            throw Error(path, Invariant(
                $"truncated: the IDX header needs {total} bytes, found {found}"));
        }
    }

    private static InvalidDataException Error(string path, string problem) =>
        new($"{path}: {problem}");
}
