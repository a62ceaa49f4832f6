using System.Text;
using Backprop.Serialization;

namespace Backprop.Tests.Serialization;

public sealed class SafetensorsHeaderValidationTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Read_ShorterThanEightBytes_ThrowsInvalidData(int length)
    {
        var path = Save(new byte[length]);

        SafetensorsBytes.AssertRejected(path, "shorter than the 8-byte header length");
    }

    [Fact]
    public void Read_HeaderLengthPastTheEnd_ThrowsInvalidData()
    {
        var path = Save(SafetensorsBytes.WithLengthField(17, Encoding.UTF8.GetBytes("{}      ")));

        SafetensorsBytes.AssertRejected(path, "header length 17 exceeds the 8 bytes");
    }

    [Fact]
    public void Read_HeaderLengthNearUInt64Max_ThrowsInvalidData()
    {
        var path = Save(SafetensorsBytes.WithLengthField(ulong.MaxValue, new byte[8]));

        SafetensorsBytes.AssertRejected(path, "exceeds the limit of 100000000 bytes");
    }

    [Fact]
    public void Read_HeaderOverLimitInALargeEnoughFile_ThrowsInvalidData()
    {
        // A sparse file, so the header length fits the file and only the limit is broken.
        var path = folder.PathOf("big.safetensors");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(SafetensorsBytes.WithLengthField(100_000_008, []));
            stream.SetLength(8 + 100_000_008);
        }

        SafetensorsBytes.AssertRejected(path, "header length 100000008 exceeds the limit");
    }

    [Fact]
    public void Read_HeaderNotUtf8_ThrowsInvalidData()
    {
        byte[] header = [.. "{\"__metadata__\":{\"a\":\""u8, 0xFF, 0xFE, .. "\"}}"u8];

        var path = Save(SafetensorsBytes.Build(header, []));

        SafetensorsBytes.AssertRejected(path, "not valid UTF-8");
    }

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("{} trailing")]
    [InlineData("{\"a\" 1}")]
    public void Read_HeaderNotJson_ThrowsInvalidData(string header)
    {
        var path = Save(SafetensorsBytes.Build(header, []));

        SafetensorsBytes.AssertRejected(path, "the header is not valid JSON");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("\uFEFF{}")]
    public void Read_HeaderNotAnObject_ThrowsInvalidData(string header)
    {
        var path = Save(SafetensorsBytes.Build(header, []));

        SafetensorsBytes.AssertRejected(path, "the header is not a JSON object");
    }

    [Fact]
    public void Read_HeaderNestedTooDeep_ThrowsInvalidData()
    {
        var path = Save(SafetensorsBytes.Build("{\"a\":[[[[[[[[1]]]]]]]]}", []));

        SafetensorsBytes.AssertRejected(path, "nested at most 8 deep");
    }

    [Fact]
    public void Read_MetadataValueNotString_ThrowsInvalidData()
    {
        var path = Save(SafetensorsBytes.Build("{\"__metadata__\":{\"epoch\":3}}", []));

        SafetensorsBytes.AssertRejected(path, "metadata value 'epoch' is Number, not a string");
    }

    [Fact]
    public void Read_MetadataNotObject_ThrowsInvalidData()
    {
        var path = Save(SafetensorsBytes.Build("{\"__metadata__\":[\"a\"]}", []));

        SafetensorsBytes.AssertRejected(path, "'__metadata__' is not a JSON object");
    }

    [Fact]
    public void Read_DuplicateMetadataKey_ThrowsInvalidData()
    {
        var path = Save(SafetensorsBytes.Build("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", []));

        SafetensorsBytes.AssertRejected(path, "metadata key 'a' appears twice");
    }

    [Fact]
    public void Read_DuplicateTensorName_ThrowsInvalidData()
    {
        var entry = SafetensorsBytes.Entry("W1", "U8", "[0]", 0, 0);

        var path = Save(SafetensorsBytes.Build("{" + entry + "," + entry + "}", []));

        SafetensorsBytes.AssertRejected(path, "the header names 'W1' twice");
    }

    [Fact]
    public void Read_TooManyTensors_ThrowsInvalidData()
    {
        var entries = Enumerable.Range(0, SafetensorsFile.MaxTensorCount + 1)
            .Select(i => SafetensorsBytes.Entry($"t{i}", "U8", "[0]", 0, 0));

        var path = Save(SafetensorsBytes.Build("{" + string.Join(",", entries) + "}", []));

        SafetensorsBytes.AssertRejected(path, "over 10000 tensors");
    }

    [Fact]
    public void Read_TooManyMetadataEntries_ThrowsInvalidData()
    {
        var entries = Enumerable.Range(0, SafetensorsFile.MaxMetadataCount + 1)
            .Select(i => $"\"k{i}\":\"v\"");
        var header = "{\"__metadata__\":{" + string.Join(",", entries) + "}}";

        var path = Save(SafetensorsBytes.Build(header, []));

        SafetensorsBytes.AssertRejected(path, "over 10000 metadata entries");
    }

    [Fact]
    public void Read_DataByteFlipped_ThrowsChecksumMismatch()
    {
        var path = folder.PathOf("model.safetensors");
        var tensor = SafetensorsTensor.Create("W1", [4], new[] { 1.0, 2.0, 3.0, 4.0 });
        SafetensorsFile.Write(path, [tensor], new Dictionary<string, string>());
        var bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        SafetensorsBytes.AssertRejected(
            path, "checksum mismatch: the tensor data does not match the header's sha256");
    }

    private string Save(byte[] bytes)
    {
        var path = folder.PathOf("bad.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
