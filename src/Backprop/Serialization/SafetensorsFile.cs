namespace Backprop.Serialization;

/// <summary>Reads and writes safetensors files: tensors plus string metadata.</summary>
/// <remarks>
/// <para>Layout: an 8-byte little-endian unsigned header length N, N bytes of UTF-8 JSON
/// header padded with spaces to a multiple of 8, then the tensors' raw little-endian data,
/// contiguous. The header maps each tensor name to its <c>dtype</c>, <c>shape</c> and
/// <c>data_offsets</c> [begin, end), relative to the start of the data; the optional
/// <c>__metadata__</c> entry maps strings to strings. Python's <c>safetensors</c> reads
/// these files.</para>
/// <para>The writer adds <c>__metadata__["checksum"]</c>, the lowercase hexadecimal
/// SHA-256 of the data section, and <c>__metadata__["metadata_checksum"]</c>, the SHA-256 of
/// the other metadata entries (each key and value in UTF-8 followed by a zero byte, keys in
/// ordinal order); the reader verifies each when present.</para>
/// </remarks>
public static class SafetensorsFile
{
    /// <summary>The header key of the string-to-string metadata entry.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The metadata key holding the SHA-256 of the data section.</summary>
    public const string ChecksumKey = "checksum";

    /// <summary>The metadata key holding the SHA-256 of the other metadata entries.</summary>
    public const string MetadataChecksumKey = "metadata_checksum";

    /// <summary>Returns the lowercase hex SHA-256 of the metadata entries, checksums left out.
    /// </summary>
    /// <param name="metadata">The metadata.</param>
    /// <returns>64 hexadecimal digits.</returns>
    internal static string MetadataChecksum(IReadOnlyDictionary<string, string> metadata)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(
            System.Security.Cryptography.HashAlgorithmName.SHA256);
        byte[] zero = [0];
        foreach (var key in metadata.Keys.Order(StringComparer.Ordinal))
        {
            if (key is ChecksumKey or MetadataChecksumKey)
            {
                continue;
            }

            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(key));
            hash.AppendData(zero);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(metadata[key]));
            hash.AppendData(zero);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The largest header read or written, in bytes (as Python's reader).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>The most tensors a file may hold.</summary>
    public const int MaxTensorCount = 10_000;

    /// <summary>The most metadata entries a file may hold.</summary>
    public const int MaxMetadataCount = 10_000;

    /// <summary>The most dimensions a tensor may have.</summary>
    public const int MaxRank = 64;

    /// <summary>Writes tensors and metadata to a file, atomically.</summary>
    /// <remarks>
    /// <para>The data is written to a temporary file <c>.NAME.tmp-RANDOM</c> in the same
    /// folder, flushed to disk, then renamed over <paramref name="path"/>, so the target
    /// holds either its old content or the complete new file, never a part. On failure
    /// the temporary file is deleted.</para>
    /// <para>Tensors are laid out in list order with no padding between them, as the format
    /// requires; the data section starts 8-byte aligned, so listing wider element types
    /// first keeps every tensor aligned to its element size. Metadata entries are written
    /// sorted by key; a caller's <c>checksum</c> entry is replaced by the computed one.</para>
    /// </remarks>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="tensors">The tensors, with distinct names.</param>
    /// <param name="metadata">String metadata, such as a network description in JSON.</param>
    /// <exception cref="ArgumentNullException">An argument, tensor or metadata value is
    /// null.</exception>
    /// <exception cref="ArgumentException">Two tensors share a name, there are more than
    /// <see cref="MaxTensorCount"/> tensors or <see cref="MaxMetadataCount"/> metadata
    /// entries, the header would exceed <see cref="MaxHeaderBytes"/>, or the path names a
    /// folder.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static void Write(
        string path,
        IReadOnlyList<SafetensorsTensor> tensors,
        IReadOnlyDictionary<string, string> metadata) =>
        SafetensorsWriter.Write(path, tensors, metadata, stream => stream);

    /// <summary>Reads a safetensors file, checking every header claim against the file.</summary>
    /// <remarks>
    /// The header is checked before any tensor is allocated: its length against the file
    /// and <see cref="MaxHeaderBytes"/>; that it is a UTF-8 JSON object nested at most 8
    /// deep; each tensor's dtype, shape (sizes ≥ 0, product without overflow, at most
    /// <see cref="MaxRank"/> dimensions) and data_offsets (two integers, begin ≤ end ≤ data
    /// length, end − begin = elements × element size); that the tensors tile the data
    /// section with no gap or overlap; that names are unique and metadata values strings.
    /// Limitation: a tensor over <see cref="Array.MaxLength"/> bytes cannot be held in one
    /// array and throws <see cref="NotSupportedException"/>.
    /// </remarks>
    /// <param name="path">The file to read.</param>
    /// <returns>The tensors, in data order, and the metadata.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file or
    /// its checksum does not match; the message starts with the path.</exception>
    /// <exception cref="NotSupportedException">A tensor is larger than one array can
    /// hold.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a folder or not
    /// readable.</exception>
    public static SafetensorsContent Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return SafetensorsReader.Read(stream, path);
    }
}
