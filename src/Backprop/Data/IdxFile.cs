using System.IO.Compression;
using static System.FormattableString;

namespace Backprop.Data;

/// <summary>An open IDX file, raw or gzip, positioned just after its validated header.</summary>
internal sealed class IdxFile : IDisposable
{
    // Deflate cannot expand data by more than about 1032 to 1 (the zlib documentation's
    // bound), so a header promising more than that from a small gzip file is lying.
    private const long MaxDeflateRatio = 1032;

    private const int Chunk = 16 << 20;

    private readonly Stream stream;

    private readonly long fileBytes;

    private IdxFile(string path, Stream stream, long fileBytes, IdxHeader header)
    {
        Path = path;
        this.stream = stream;
        this.fileBytes = fileBytes;
        Header = header;
    }

    /// <summary>Gets the path as the caller gave it.</summary>
    public string Path { get; }

    /// <summary>Gets the validated header.</summary>
    public IdxHeader Header { get; }

    /// <summary>Opens a file, detects gzip from its first two bytes and reads the header.</summary>
    public static IdxFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"{path}: is a folder, not an IDX file");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: {FileProblem.Missing(path)}", path);
        }

        var file = File.OpenRead(path);
        try
        {
            var isGzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
            file.Position = 0;
            Stream stream = isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            var header = IdxHeaderParser.Read(stream, path, isGzip);
            return new IdxFile(path, stream, file.Length, header);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads exactly the data the header promises; checks nothing follows.</summary>
    /// <param name="noun">What one byte is, for messages: "pixel", "label".</param>
    public byte[] ReadData(string noun)
    {
        var expected = CheckPlausible(noun);
        var buffer = new byte[Header.IsGzip ? Math.Min(expected, Chunk) : expected];
        var filled = 0;
        while (filled < expected)
        {
            // Grows with the data that arrive, so a lying header costs only what is there.
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(expected, 2L * buffer.Length));
            }

            var read = Read(buffer.AsSpan(filled));
            if (read == 0)
            {
                throw Truncated(noun, expected, filled);
            }

            filled += read;
        }

        CheckEnd(noun, expected);
        return buffer;
    }

    /// <summary>Reads through the data without keeping it, checking its length.</summary>
    /// <param name="noun">What one byte is, for messages.</param>
    public void SkipData(string noun)
    {
        var expected = CheckPlausible(noun);
        var buffer = new byte[64 << 10];
        long seen = 0;
        while (seen < expected)
        {
            var read = Read(buffer.AsSpan(0, (int)Math.Min(buffer.Length, expected - seen)));
            if (read == 0)
            {
                throw Truncated(noun, expected, seen);
            }

            seen += read;
        }

        CheckEnd(noun, expected);
    }

    /// <inheritdoc/>
    public void Dispose() => stream.Dispose();

    /// <summary>Builds an error whose message starts with the path.</summary>
    public InvalidDataException Error(string problem, Exception? inner = null) =>
        new($"{Path}: {problem}", inner);

    private int CheckPlausible(string noun)
    {
        var expected = Header.DataBytes;
        var available = fileBytes - Header.HeaderBytes;
        if (!Header.IsGzip && available != expected)
        {
            throw available < expected
                ? Truncated(noun, expected, available)
                : Error(Invariant($"{expected} {noun} bytes expected, {available} found"));
        }

        if (Header.IsGzip && expected + Header.HeaderBytes > fileBytes * MaxDeflateRatio)
        {
            throw Error(Invariant($"truncated: {expected} {noun} bytes expected, ")
                + Invariant($"more than a gzip file of {fileBytes} bytes can hold"));
        }

        // IdxHeaderParser capped the data at Array.MaxLength bytes.
        return (int)expected;
    }

    private void CheckEnd(string noun, long expected)
    {
        Span<byte> one = stackalloc byte[1];
        if (Read(one) != 0)
        {
            throw Error(Invariant($"{expected} {noun} bytes expected, but more data follow"));
        }
    }

    private int Read(Span<byte> destination)
    {
        try
        {
            return stream.Read(destination);
        }
        catch (InvalidDataException e)
        {
            // The runtime reports a bad checksum as "unsupported compression method".
            throw Error("corrupt gzip data (checksum or format error)", e);
        }
    }

    private InvalidDataException Truncated(string noun, long expected, long found) =>
        Error(Invariant($"truncated: {expected} {noun} bytes expected, {found} found"));
}
