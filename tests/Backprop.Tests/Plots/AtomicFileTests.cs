using Backprop.Cli.Plots;

namespace Backprop.Tests.Plots;

public sealed class AtomicFileTests : IDisposable
{
    private readonly PlotFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void WriteAllBytes_ExistingFile_ReplacesContentsAndLeavesNoTempFile()
    {
        var path = files.PathOf("out.bin");
        File.WriteAllBytes(path, [1, 2, 3, 4]);

        AtomicFile.WriteAllBytes(path, [9, 8]);

        Assert.Equal([9, 8], File.ReadAllBytes(path));
        Assert.Equal(["out.bin"], files.FileNames());
    }

    [Fact]
    public void CheckDestination_RelativePath_ReturnsFullPath()
    {
        var full = AtomicFile.CheckDestination("plot.png", "path");

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "plot.png"), full);
    }

    [Fact]
    public void CheckDestination_EmptyPath_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => AtomicFile.CheckDestination(" ", "path"));

        Assert.Equal("path", e.ParamName);
    }
}
