namespace Backprop.Tests.Serialization;

/// <summary>A write-through stream that throws once a given number of bytes is written.</summary>
public sealed class FailingStream(Stream inner, long failAfterBytes) : Stream
{
    private long written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var allowed = (int)Math.Min(buffer.Length, failAfterBytes - written);
        inner.Write(buffer[..allowed]);
        written += allowed;
        if (allowed < buffer.Length)
        {
            throw new IOException($"simulated failure after {written} bytes");
        }
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) =>
        throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
