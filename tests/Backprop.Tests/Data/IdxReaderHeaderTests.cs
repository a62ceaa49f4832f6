using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>The IDX header and inspection API, for files of any element type.</summary>
public sealed class IdxReaderHeaderTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ReadHeader_AnyType_ReportsTypeAndDimensions()
    {
        var path = temp.Write("floats.gz", IdxBytes.Gzip(IdxBytes.Header(0x0D, 2, 3, 4)));

        var header = IdxReader.ReadHeader(path);

        Assert.Equal(IdxElementType.SingleBigEndian, header.ElementType);
        Assert.Equal([2, 3, 4], header.Dimensions);
        Assert.True(header.IsGzip);
        Assert.Equal((2, 4, 96L), (header.Count, header.ElementBytes, header.DataBytes));
    }

    [Fact]
    public void Inspect_TruncatedData_ThrowsInvalidData()
    {
        var path = temp.Write("floats", IdxBytes.Header(0x0D, 2, 3, 4));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Inspect(path));

        Assert.Equal($"{path}: truncated: 96 data bytes expected, 0 found", e.Message);
    }

    [Fact]
    public void Inspect_CompleteGzip_ReturnsHeader()
    {
        var path = temp.Write("labels.gz", IdxBytes.Gzip(IdxBytes.Labels(1, 2, 3)));

        Assert.Equal(3, IdxReader.Inspect(path).Count);
    }

    [Fact]
    public void ReadHeader_SignedBytes_ReportsOneBytePerElement()
    {
        var path = temp.Write("bytes", [.. IdxBytes.Header(0x09, 3), 1, 2, 3]);

        var header = IdxReader.ReadHeader(path);

        Assert.Equal(IdxElementType.SignedByte, header.ElementType);
        Assert.Equal((1, 3L), (header.ElementBytes, header.DataBytes));
        Assert.False(header.IsGzip);
    }
}
