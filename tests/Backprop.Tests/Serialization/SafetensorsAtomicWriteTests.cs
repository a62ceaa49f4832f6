using Backprop.Serialization;

namespace Backprop.Tests.Serialization;

public sealed class SafetensorsAtomicWriteTests : IDisposable
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(200)]
    [InlineData(4000)]
    public void Write_FailingMidway_LeavesTheOldFileIntact(long failAfterBytes)
    {
        var path = folder.PathOf("model.safetensors");
        SafetensorsFile.Write(path, [Tensor("old", 3)], NoMetadata);
        var before = File.ReadAllBytes(path);

        Assert.Throws<IOException>(() => SafetensorsWriter.Write(
            path, [Tensor("new", 1000)], NoMetadata, s => new FailingStream(s, failAfterBytes)));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], folder.FileNames());
    }

    [Fact]
    public void Write_FailingOnANewPath_LeavesNoFile()
    {
        var path = folder.PathOf("model.safetensors");

        Assert.Throws<IOException>(() => SafetensorsWriter.Write(
            path, [Tensor("new", 1000)], NoMetadata, s => new FailingStream(s, 100)));

        Assert.Empty(folder.FileNames());
    }

    [Fact]
    public void Write_Succeeding_ReplacesTheOldFileAndLeavesNoTemporary()
    {
        var path = folder.PathOf("model.safetensors");
        SafetensorsFile.Write(path, [Tensor("old", 3)], NoMetadata);

        SafetensorsFile.Write(path, [Tensor("new", 5)], NoMetadata);

        Assert.Equal("new", SafetensorsFile.Read(path).Tensors[0].Name);
        Assert.Equal(["model.safetensors"], folder.FileNames());
    }

    private static SafetensorsTensor Tensor(string name, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = i * 0.5;
        }

        return SafetensorsTensor.Create(name, [count], values);
    }
}
