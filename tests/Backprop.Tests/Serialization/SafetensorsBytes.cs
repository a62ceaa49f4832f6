using System.Buffers.Binary;
using System.Text;
using Backprop.Serialization;

namespace Backprop.Tests.Serialization;

/// <summary>Builds safetensors files byte by byte, valid or not, for reader tests.</summary>
public static class SafetensorsBytes
{
    /// <summary>The 8-byte length, the header padded with spaces to 8n bytes, data.</summary>
    public static byte[] Build(string headerJson, byte[] data) =>
        Build(Encoding.UTF8.GetBytes(headerJson), data);

    /// <summary>As <see cref="Build(string, byte[])"/>, from header bytes.</summary>
    public static byte[] Build(byte[] header, byte[] data)
    {
        var padded = (header.Length + 7) / 8 * 8;
        var bytes = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        header.CopyTo(bytes, 8);
        bytes.AsSpan(8 + header.Length, padded - header.Length).Fill((byte)' ');
        data.CopyTo(bytes, 8 + padded);
        return bytes;
    }

    /// <summary>An 8-byte length field claiming <paramref name="length"/>, then the rest.</summary>
    public static byte[] WithLengthField(ulong length, byte[] rest)
    {
        var bytes = new byte[8 + rest.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, length);
        rest.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>Writes a header and a sparse data section of the given length.</summary>
    /// <remarks>The file system allocates no blocks for the unwritten zeros.</remarks>
    public static void WriteSparse(string path, string headerJson, long dataLength)
    {
        var prefix = Build(headerJson, []);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(prefix);
        stream.SetLength(prefix.Length + dataLength);
    }

    /// <summary>The header entry of one tensor, for building headers by hand.</summary>
    public static string Entry(string name, string dtype, string shape, long begin, long end) =>
        $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},"
        + $"\"data_offsets\":[{begin},{end}]}}";

    /// <summary>Asserts that reading fails, the message naming the path and problem.</summary>
    public static void AssertRejected(string path, string problem)
    {
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
