using System.Buffers.Binary;
using System.Text;
using Backprop.Serialization;

namespace Backprop.Tests.Serialization;

public sealed class SafetensorsFileTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void WriteThenRead_ReturnsEveryTensorInOrder()
    {
        SafetensorsTensor[] tensors =
        [
            SafetensorsTensor.Create("W1", [2, 3], new[] { 1f, 2f, 3f, 4f, 5f, -6f }),
            SafetensorsTensor.Create("b1", [3], new[] { 0.5, -0.5, 1e-300 }),
            SafetensorsTensor.FromRawData("mask", SafetensorsDType.U8, [2, 2], [0, 1, 255, 7]),
            SafetensorsTensor.Create("epoch", [], new[] { 42L }),
            SafetensorsTensor.Create("empty", [0, 4], Array.Empty<double>()),
            SafetensorsTensor.Create("K2", [1, 1, 2, 2], new[] { 0.25f, 0.5f, 0.75f, 1f }),
        ];
        var path = folder.PathOf("model.safetensors");

        SafetensorsFile.Write(path, tensors, new Dictionary<string, string>());
        var read = SafetensorsFile.Read(path);

        Assert.Equal(tensors.Select(t => t.Name), read.Tensors.Select(t => t.Name));
        for (var i = 0; i < tensors.Length; i++)
        {
            Assert.Equal(tensors[i].DType, read.Tensors[i].DType);
            Assert.Equal(tensors[i].Shape, read.Tensors[i].Shape);
            Assert.Equal(tensors[i].Data.ToArray(), read.Tensors[i].Data.ToArray());
        }
    }

    [Fact]
    public void WriteThenRead_ReturnsMetadataWithChecksum()
    {
        var metadata = new Dictionary<string, string>
        {
            ["network"] = "{\"layers\": [{\"units\": 3}]}",
            ["note"] = "ünïcödé, \"quotes\" and \\ backslash",
        };
        var path = folder.PathOf("model.safetensors");

        SafetensorsFile.Write(path, [], metadata);
        var read = SafetensorsFile.Read(path);

        Assert.Equal(4, read.Metadata.Count);
        Assert.Equal(metadata["network"], read.Metadata["network"]);
        Assert.Equal(metadata["note"], read.Metadata["note"]);
        // SHA-256 of no bytes at all.
        Assert.Equal(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            read.Metadata[SafetensorsFile.ChecksumKey]);
    }

    [Fact]
    public void Write_ProducesTheSafetensorsLayoutByteForByte()
    {
        var path = folder.PathOf("x.safetensors");
        var tensor = SafetensorsTensor.Create("x", [2], new[] { 1f, -2f });

        SafetensorsFile.Write(path, [tensor], new Dictionary<string, string> { ["a"] = "b" });
        var bytes = File.ReadAllBytes(path);

        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength);
        var checksum = SafetensorsFile.Read(path).Metadata["checksum"];
        // metadata_checksum: SHA-256 of "a\0b\0".
        var json = "{\"__metadata__\":{\"a\":\"b\",\"checksum\":\"" + checksum + "\","
            + "\"metadata_checksum\":"
            + "\"8fb20ef63ced4145fc2e983ffe597d1dcff39154c3bf21f0fa9dde6a0c50fdc9\"},"
            + "\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(json, header.TrimEnd(' '));
        Assert.Equal(8 + headerLength + 8, bytes.Length);
        Assert.Equal(tensor.Data.ToArray(), bytes[(8 + headerLength)..]);
    }

    [Fact]
    public void Read_MetadataEditedAfterWriting_IsAChecksumMismatch()
    {
        var path = folder.PathOf("m.safetensors");
        SafetensorsFile.Write(path, [], new Dictionary<string, string> { ["scale"] = "0.218" });
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.UTF8.GetString(bytes);
        var at = text.IndexOf("0.218", StringComparison.Ordinal);
        bytes[at + 2] = (byte)'9';
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));

        Assert.Contains("the metadata does not match its metadata_checksum", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ReplacesTheCallersChecksum()
    {
        var path = folder.PathOf("m.safetensors");
        var metadata = new Dictionary<string, string> { ["checksum"] = "stale" };

        SafetensorsFile.Write(path, [], metadata);

        Assert.NotEqual("stale", SafetensorsFile.Read(path).Metadata["checksum"]);
    }

    [Fact]
    public void Read_FileWithoutChecksum_IsAccepted()
    {
        var path = folder.PathOf("python.safetensors");
        var header = "{" + SafetensorsBytes.Entry("b", "U8", "[2]", 0, 2) + "}";
        File.WriteAllBytes(path, SafetensorsBytes.Build(header, [4, 5]));

        var read = SafetensorsFile.Read(path);

        Assert.Empty(read.Metadata);
        Assert.True(read.TryGetTensor("b", out var tensor));
        Assert.Equal([4, 5], tensor.Data.ToArray());
    }

    [Fact]
    public void Read_TensorsListedOutOfOrder_ReturnsThemInDataOrder()
    {
        var path = folder.PathOf("order.safetensors");
        var header = "{" + SafetensorsBytes.Entry("second", "U8", "[1]", 1, 2) + ","
            + SafetensorsBytes.Entry("first", "U8", "[1]", 0, 1) + "}";
        File.WriteAllBytes(path, SafetensorsBytes.Build(header, [10, 20]));

        var read = SafetensorsFile.Read(path);

        Assert.Equal(["first", "second"], read.Tensors.Select(t => t.Name));
    }

    [Fact]
    public void TryGetTensor_UnknownName_ReturnsFalse()
    {
        var content = new SafetensorsContent([], new Dictionary<string, string>());

        Assert.False(content.TryGetTensor("W1", out _));
    }

    [Fact]
    public void Write_DuplicateNames_ThrowsArgument()
    {
        var tensor = SafetensorsTensor.Create("W1", [1], new[] { 1f });

        Assert.Throws<ArgumentException>(() => SafetensorsFile.Write(
            folder.PathOf("d.safetensors"), [tensor, tensor], new Dictionary<string, string>()));
        Assert.Empty(folder.FileNames());
    }

    [Fact]
    public void Write_NullMetadataValue_ThrowsArgumentNull()
    {
        var metadata = new Dictionary<string, string> { ["a"] = null! };

        Assert.Throws<ArgumentNullException>(
            () => SafetensorsFile.Write(folder.PathOf("n.safetensors"), [], metadata));
    }

    [Fact]
    public void Write_PathIsAFolder_ThrowsArgument()
    {
        var path = folder.FullPath + Path.DirectorySeparatorChar;

        Assert.Throws<ArgumentException>(
            () => SafetensorsFile.Write(path, [], new Dictionary<string, string>()));
    }

    [Fact]
    public void Write_MissingFolder_ThrowsDirectoryNotFound()
    {
        var path = Path.Combine(folder.FullPath, "absent", "m.safetensors");

        Assert.Throws<DirectoryNotFoundException>(
            () => SafetensorsFile.Write(path, [], new Dictionary<string, string>()));
    }

    [Fact]
    public void Read_PathIsAFolder_ThrowsUnauthorizedAccess()
    {
        Assert.Throws<UnauthorizedAccessException>(() => SafetensorsFile.Read(folder.FullPath));
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(
            () => SafetensorsFile.Read(folder.PathOf("absent.safetensors")));
    }
}
