using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Backprop.Serialization;

/// <summary>Builds the header and writes a safetensors file atomically.</summary>
internal static class SafetensorsWriter
{
    /// <summary>Writes a file; <paramref name="wrap"/> lets tests wrap the stream.</summary>
    public static void Write(
        string path,
        IReadOnlyList<SafetensorsTensor> tensors,
        IReadOnlyDictionary<string, string> metadata,
        Func<Stream, Stream> wrap)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(metadata);
        Validate(tensors, metadata);

        var header = BuildHeader(tensors, metadata, Checksum(tensors));
        AtomicFile.Write(path, stream =>
        {
            var output = wrap(stream);
            Span<byte> length = stackalloc byte[sizeof(ulong)];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            output.Write(length);
            output.Write(header);
            foreach (var tensor in tensors)
            {
                output.Write(tensor.Data.Span);
            }

            output.Flush();
        });
    }

    /// <summary>Returns the lowercase hex SHA-256 of the tensors' data, concatenated.</summary>
    public static string Checksum(IReadOnlyList<SafetensorsTensor> tensors)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var tensor in tensors)
        {
            hash.AppendData(tensor.Data.Span);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Validate(
        IReadOnlyList<SafetensorsTensor> tensors,
        IReadOnlyDictionary<string, string> metadata)
    {
        if (tensors.Count > SafetensorsFile.MaxTensorCount)
        {
            throw new ArgumentException(
                $"{tensors.Count} tensors; a file holds at most {SafetensorsFile.MaxTensorCount}",
                nameof(tensors));
        }

        if (metadata.Count > SafetensorsFile.MaxMetadataCount)
        {
            throw new ArgumentException(
                $"{metadata.Count} metadata entries; a file holds at most "
                + $"{SafetensorsFile.MaxMetadataCount}",
                nameof(metadata));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException(
                    $"two tensors are named '{tensor.Name}'; names must be distinct",
                    nameof(tensors));
            }
        }

        foreach (var (key, value) in metadata)
        {
            ArgumentNullException.ThrowIfNull(value, $"{nameof(metadata)}[\"{key}\"]");
        }
    }

    private static byte[] BuildHeader(
        IReadOnlyList<SafetensorsTensor> tensors,
        IReadOnlyDictionary<string, string> metadata,
        string checksum)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps quotes in metadata JSON readable (\" rather than \u0022);
        // the result is still strict JSON.
        var options = new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            WriteMetadata(json, metadata, checksum);
            long offset = 0;
            foreach (var tensor in tensors)
            {
                WriteEntry(json, tensor, offset);
                offset += tensor.Data.Length;
            }

            json.WriteEndObject();
        }

        return Pad(buffer.WrittenSpan);
    }

    private static void WriteMetadata(
        Utf8JsonWriter json,
        IReadOnlyDictionary<string, string> metadata,
        string checksum)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            entries[key] = value;
        }

        entries.Remove(SafetensorsFile.MetadataChecksumKey);
        entries[SafetensorsFile.MetadataChecksumKey] = SafetensorsFile.MetadataChecksum(entries);
        entries[SafetensorsFile.ChecksumKey] = checksum;
        json.WriteStartObject(SafetensorsFile.MetadataKey);
        foreach (var (key, value) in entries)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter json, SafetensorsTensor tensor, long begin)
    {
        json.WriteStartObject(tensor.Name);
        json.WriteString("dtype", SafetensorsDTypes.ToName(tensor.DType));
        json.WriteStartArray("shape");
        foreach (var size in tensor.Shape)
        {
            json.WriteNumberValue(size);
        }

        json.WriteEndArray();
        json.WriteStartArray("data_offsets");
        json.WriteNumberValue(begin);
        json.WriteNumberValue(begin + tensor.Data.Length);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static byte[] Pad(ReadOnlySpan<byte> header)
    {
        // Spaces after the JSON keep the data section 8-byte aligned; JSON ignores them.
        var length = (header.Length + 7) / 8 * 8;
        if (length > SafetensorsFile.MaxHeaderBytes)
        {
            throw new ArgumentException(
                $"the header would take {length} bytes; at most "
                + $"{SafetensorsFile.MaxHeaderBytes} are allowed (shorten the metadata)");
        }

        var padded = new byte[length];
        header.CopyTo(padded);
        padded.AsSpan(header.Length).Fill((byte)' ');
        return padded;
    }
}
