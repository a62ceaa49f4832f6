using System.Buffers.Binary;
using System.IO.Compression;

namespace Backprop.Tests.Data;

/// <summary>Builds IDX file contents for tests: big-endian header, row-major data.</summary>
internal static class IdxBytes
{
    public const byte UnsignedByte = 0x08;

    /// <summary>The header: two zero bytes, type code, dimension count, sizes.</summary>
    public static byte[] Header(byte type, params int[] dimensions)
    {
        var header = new byte[4 + 4 * dimensions.Length];
        header[2] = type;
        header[3] = (byte)dimensions.Length;
        for (var k = 0; k < dimensions.Length; k++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * k), dimensions[k]);
        }

        return header;
    }

    /// <summary>An image file whose pixel (n, r, s) is 100 n + 10 r + s.</summary>
    public static byte[] Images(int count, int rows, int columns)
    {
        var header = Header(UnsignedByte, count, rows, columns);
        var file = new byte[header.Length + count * rows * columns];
        header.CopyTo(file, 0);
        var i = header.Length;
        for (var n = 0; n < count; n++)
        {
            for (var r = 0; r < rows; r++)
            {
                for (var s = 0; s < columns; s++)
                {
                    file[i++] = Pixel(n, r, s);
                }
            }
        }

        return file;
    }

    /// <summary>The pixel value <see cref="Images"/> writes.</summary>
    public static byte Pixel(int n, int r, int s) => (byte)(100 * n + 10 * r + s);

    /// <summary>A label file.</summary>
    public static byte[] Labels(params byte[] labels) =>
        [.. Header(UnsignedByte, labels.Length), .. labels];

    /// <summary>Compresses bytes with gzip.</summary>
    public static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }
}
