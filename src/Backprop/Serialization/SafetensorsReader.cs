using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Security.Cryptography;

namespace Backprop.Serialization;

/// <summary>Reads a safetensors file from a seekable stream, trusting no length it holds.</summary>
internal static class SafetensorsReader
{
    private const int LengthPrefixBytes = sizeof(ulong);

    /// <summary>Reads and checks the whole file; see <see cref="SafetensorsFile.Read"/>.</summary>
    /// <param name="stream">A readable, seekable stream positioned at the file's start.</param>
    /// <param name="path">The path named in error messages.</param>
    public static SafetensorsContent Read(Stream stream, string path)
    {
        var fileLength = stream.Length;
        try
        {
            var headerLength = ReadHeaderLength(stream, fileLength, path);
            var headerBytes = new byte[headerLength];
            stream.ReadExactly(headerBytes);

            var dataLength = fileLength - LengthPrefixBytes - headerLength;
            var header = SafetensorsHeaderParser.Parse(headerBytes, dataLength, path);
            var tensors = ReadTensors(stream, header, path);
            return new SafetensorsContent(tensors, header.Metadata);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException(
                $"{path}: the file ended early; it may have changed while being read", e);
        }
    }

    private static int ReadHeaderLength(Stream stream, long fileLength, string path)
    {
        if (fileLength < LengthPrefixBytes)
        {
            throw new InvalidDataException(
                $"{path}: {fileLength} bytes is shorter than the 8-byte header length; "
                + "not a safetensors file");
        }

        Span<byte> prefix = stackalloc byte[LengthPrefixBytes];
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > SafetensorsFile.MaxHeaderBytes)
        {
            throw new InvalidDataException(
                $"{path}: header length {headerLength} exceeds the limit of "
                + $"{SafetensorsFile.MaxHeaderBytes} bytes");
        }

        var available = (ulong)(fileLength - LengthPrefixBytes);
        if (headerLength > available)
        {
            throw new InvalidDataException(
                $"{path}: header length {headerLength} exceeds the {available} bytes "
                + "after the length field; the file is truncated or not safetensors");
        }

        return (int)headerLength;
    }

    private static ReadOnlyCollection<SafetensorsTensor> ReadTensors(
        Stream stream,
        SafetensorsHeader header,
        string path)
    {
        // The entries tile the data section in offset order, so one sequential pass reads all.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var tensors = new List<SafetensorsTensor>(header.Entries.Count);
        foreach (var entry in header.Entries)
        {
            if (entry.ByteCount > Array.MaxLength)
            {
                throw new NotSupportedException(
                    $"{path}: tensor '{entry.Name}' has {entry.ByteCount} bytes; tensors are "
                    + $"read into one array, at most {Array.MaxLength} bytes");
            }

            var data = new byte[entry.ByteCount];
            stream.ReadExactly(data);
            hash.AppendData(data);
            tensors.Add(SafetensorsTensor.FromCheckedData(
                entry.Name, entry.DType, entry.Shape, data));
        }

        VerifyChecksum(header.Metadata, hash.GetHashAndReset(), path);
        return tensors.AsReadOnly();
    }

    private static void VerifyChecksum(
        IReadOnlyDictionary<string, string> metadata,
        byte[] sha256,
        string path)
    {
        var computed = SafetensorsFile.MetadataChecksum(metadata);
        if (metadata.TryGetValue(SafetensorsFile.MetadataChecksumKey, out var stated)
            && !string.Equals(stated, computed, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"{path}: checksum mismatch: the metadata does not match its "
                + $"{SafetensorsFile.MetadataChecksumKey}; the file was changed after writing");
        }

        if (!metadata.TryGetValue(SafetensorsFile.ChecksumKey, out var expected))
        {
            return;
        }

        var actual = Convert.ToHexStringLower(sha256);
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"{path}: checksum mismatch: the tensor data does not match the header's "
                + $"sha256 {SafetensorsHeaderParser.Quote(expected)} (computed {actual}); "
                + "the file is corrupt or was changed after writing");
        }
    }
}
