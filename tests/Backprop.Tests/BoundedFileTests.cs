namespace Backprop.Tests;

public sealed class BoundedFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("backprop-bounded-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100_000)]
    public void ReadAtMost_FileAtTheLimit_ReturnsItsBytes(int length)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var path = Path.Combine(folder, "file");
        File.WriteAllBytes(path, bytes);

        Assert.Equal(bytes, BoundedFile.ReadAtMost(path, length));
    }

    [Fact]
    public void ReadAtMost_FileOneBytePastTheLimit_ReturnsNull()
    {
        var path = Path.Combine(folder, "file");
        File.WriteAllBytes(path, new byte[101]);

        Assert.Null(BoundedFile.ReadAtMost(path, 100));
    }

    [Fact]
    public void ReadAtMost_EndlessDeviceReportingLengthZero_StopsAtTheLimit()
    {
        // /dev/zero reports length 0 and never ends: File.ReadAllBytes ran out of memory.
        Assert.Null(BoundedFile.ReadAtMost("/dev/zero", 1 << 20));
    }
}
