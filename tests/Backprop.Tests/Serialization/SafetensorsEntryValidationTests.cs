using Backprop.Serialization;

namespace Backprop.Tests.Serialization;

public sealed class SafetensorsEntryValidationTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("BF16")]
    [InlineData("f32")]
    [InlineData("")]
    public void Read_UnknownDType_ThrowsInvalidData(string dtype)
    {
        var path = Save(Entry("x", dtype, "[1]", 0, 4), 4);

        SafetensorsBytes.AssertRejected(path, $"unsupported dtype '{dtype}'");
    }

    [Theory]
    [InlineData("[-1]", 0)]
    [InlineData("[2, -3]", 0)]
    [InlineData("[1.5]", 0)]
    [InlineData("[\"2\"]", 0)]
    [InlineData("[1e2]", 0)]
    [InlineData("[9223372036854775808]", 0)]
    public void Read_ShapeEntryNotASize_ThrowsInvalidData(string shape, int dataLength)
    {
        var path = Save(Entry("x", "U8", shape, 0, dataLength), dataLength);

        SafetensorsBytes.AssertRejected(path, "not a size ≥ 0");
    }

    [Theory]
    [InlineData("U8", "[4294967296, 4294967296]")]
    [InlineData("F64", "[2305843009213693952]")]
    public void Read_ShapeSizeOverflows_ThrowsInvalidData(string dtype, string shape)
    {
        var path = Save(Entry("x", dtype, shape, 0, 0), 0);

        SafetensorsBytes.AssertRejected(path, "overflows");
    }

    [Fact]
    public void Read_ShapeOfTooManyDimensions_ThrowsInvalidData()
    {
        var shape = "[" + string.Join(",", Enumerable.Repeat("1", 65)) + "]";

        var path = Save(Entry("x", "U8", shape, 0, 1), 1);

        SafetensorsBytes.AssertRejected(path, "at most 64 sizes");
    }

    [Theory]
    [InlineData("[0]")]
    [InlineData("[0, 4, 8]")]
    [InlineData("[\"0\", \"4\"]")]
    [InlineData("[0, 4.0]")]
    [InlineData("[-4, 0]")]
    [InlineData("{\"begin\": 0}")]
    public void Read_DataOffsetsNotTwoIntegers_ThrowsInvalidData(string offsets)
    {
        var header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":" + offsets + "}}";

        var path = Save(header, 4);

        SafetensorsBytes.AssertRejected(path, "data_offsets is not two integers");
    }

    [Fact]
    public void Read_BeginAfterEnd_ThrowsInvalidData()
    {
        var path = Save(Entry("x", "F32", "[1]", 4, 0), 4);

        SafetensorsBytes.AssertRejected(path, "begin 4 is after end 0");
    }

    [Fact]
    public void Read_EndPastTheData_ThrowsInvalidData()
    {
        var path = Save(Entry("x", "F32", "[2]", 0, 8), 4);

        SafetensorsBytes.AssertRejected(path, "end 8 is past the data section's 4 bytes");
    }

    [Fact]
    public void Read_ByteLengthNotMatchingShape_ThrowsInvalidData()
    {
        var path = Save(Entry("x", "F32", "[2]", 0, 4), 4);

        SafetensorsBytes.AssertRejected(path, "span 4 bytes but F32 shape [2] needs 8");
    }

    [Fact]
    public void Read_OverlappingTensors_ThrowsInvalidData()
    {
        var header = "{" + SafetensorsBytes.Entry("a", "F32", "[2]", 0, 8) + ","
            + SafetensorsBytes.Entry("b", "F32", "[2]", 4, 12) + "}";

        var path = Save(header, 12);

        SafetensorsBytes.AssertRejected(path, "tensor 'b' (bytes 4..12) overlaps tensor 'a'");
    }

    [Fact]
    public void Read_GapBetweenTensors_ThrowsInvalidData()
    {
        var header = "{" + SafetensorsBytes.Entry("a", "F32", "[1]", 0, 4) + ","
            + SafetensorsBytes.Entry("b", "F32", "[1]", 8, 12) + "}";

        var path = Save(header, 12);

        SafetensorsBytes.AssertRejected(path, "data bytes 4..8 belong to no tensor");
    }

    [Fact]
    public void Read_BytesAfterTheLastTensor_ThrowsInvalidData()
    {
        var path = Save(Entry("a", "F32", "[1]", 0, 4), 8);

        SafetensorsBytes.AssertRejected(path, "data bytes 4..8 belong to no tensor");
    }

    [Fact]
    public void Read_EntryNotAnObject_ThrowsInvalidData()
    {
        var path = Save("{\"x\":[1]}", 0);

        SafetensorsBytes.AssertRejected(path, "tensor 'x': the entry is not a JSON object");
    }

    [Theory]
    [InlineData("dtype")]
    [InlineData("shape")]
    [InlineData("data_offsets")]
    public void Read_EntryMissingField_ThrowsInvalidData(string field)
    {
        var fields = new Dictionary<string, string>
        {
            ["dtype"] = "\"U8\"",
            ["shape"] = "[0]",
            ["data_offsets"] = "[0,0]",
        };
        fields.Remove(field);
        var entry = string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}"));

        var path = Save("{\"x\":{" + entry + "}}", 0);

        SafetensorsBytes.AssertRejected(path, $"the entry has no '{field}'");
    }

    [Fact]
    public void Read_EntryWithUnknownField_ThrowsInvalidData()
    {
        var header = "{\"x\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0],\"bias\":1}}";

        var path = Save(header, 0);

        SafetensorsBytes.AssertRejected(path, "unknown field 'bias'");
    }

    [Fact]
    public void Read_EntryWithRepeatedField_ThrowsInvalidData()
    {
        var header = "{\"x\":{\"dtype\":\"U8\",\"dtype\":\"F32\",\"shape\":[0],"
            + "\"data_offsets\":[0,0]}}";

        var path = Save(header, 0);

        SafetensorsBytes.AssertRejected(path, "field 'dtype' appears twice");
    }

    [Fact]
    public void Read_EmptyTensorName_ThrowsInvalidData()
    {
        var path = Save(Entry("", "U8", "[0]", 0, 0), 0);

        SafetensorsBytes.AssertRejected(path, "a tensor has an empty name");
    }

    [Fact]
    public void Read_TensorLargerThanAnArray_ThrowsNotSupported()
    {
        // Limitation pin: a valid 2 GiB tensor; the data is sparse, so no disk is used.
        var path = folder.PathOf("huge.safetensors");
        var length = (long)Array.MaxLength + 1;
        SafetensorsBytes.WriteSparse(path, Entry("x", "U8", $"[{length}]", 0, length), length);

        var e = Assert.Throws<NotSupportedException>(() => SafetensorsFile.Read(path));
        Assert.StartsWith(path + ": tensor 'x'", e.Message, StringComparison.Ordinal);
    }

    private static string Entry(string name, string dtype, string shape, long begin, long end) =>
        "{" + SafetensorsBytes.Entry(name, dtype, shape, begin, end) + "}";

    private string Save(string header, int dataLength)
    {
        var path = folder.PathOf("bad.safetensors");
        File.WriteAllBytes(path, SafetensorsBytes.Build(header, new byte[dataLength]));
        return path;
    }
}
