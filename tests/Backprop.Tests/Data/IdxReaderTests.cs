using Backprop.Data;

namespace Backprop.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ReadImages_NonSquareRaw_KeepsRowsAndColumns()
    {
        var path = temp.Write("images-idx3-ubyte", IdxBytes.Images(3, 3, 5));

        var images = IdxReader.ReadImages(path);

        Assert.Equal((3, 3, 5), (images.Count, images.Rows, images.Columns));
        Assert.Equal(IdxBytes.Pixel(1, 2, 3), images.Pixels[(1 * 3 + 2) * 5 + 3]);
        Assert.Equal(IdxBytes.Pixel(2, 0, 4), images.Pixels[(2 * 3 + 0) * 5 + 4]);
    }

    [Fact]
    public void ReadImages_Gzip_MatchesRaw()
    {
        var raw = IdxBytes.Images(3, 3, 5);
        var path = temp.Write("images.bin", IdxBytes.Gzip(raw));

        var images = IdxReader.ReadImages(path);

        Assert.Equal(raw[16..], images.Pixels);
    }

    [Fact]
    public void ReadImages_RawNamedGz_DetectsRawFromContent()
    {
        var path = temp.Write("images-idx3-ubyte.gz", IdxBytes.Images(2, 3, 5));

        Assert.Equal(2, IdxReader.ReadImages(path).Count);
    }

    [Fact]
    public void ReadLabels_RawAndGzip_ReadSameLabels()
    {
        var bytes = IdxBytes.Labels(7, 2, 1, 0, 9);
        var raw = temp.Write("labels", bytes);
        var gzip = temp.Write("labels.gz", IdxBytes.Gzip(bytes));

        Assert.Equal([7, 2, 1, 0, 9], IdxReader.ReadLabels(raw));
        Assert.Equal([7, 2, 1, 0, 9], IdxReader.ReadLabels(gzip));
    }

    [Fact]
    public void Read_MatchingFiles_PairsImagesWithLabels()
    {
        var images = temp.Write("images", IdxBytes.Images(3, 3, 5));
        var labels = temp.Write("labels", IdxBytes.Labels(4, 5, 6));

        var set = IdxReader.Read(images, labels);

        Assert.Equal((3, 3, 5, 10), (set.Count, set.Rows, set.Columns, set.ClassCount));
        Assert.Equal([4, 5, 6], set.Labels);
        Assert.Equal(IdxBytes.Pixel(2, 1, 3), set.Image(2)[1 * 5 + 3]);
    }

    [Fact]
    public void Read_CountMismatch_ThrowsInvalidDataNamingLabels()
    {
        var images = temp.Write("images", IdxBytes.Images(3, 3, 5));
        var labels = temp.Write("labels", IdxBytes.Labels(4, 5));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(images, labels));

        Assert.Equal($"{labels}: 2 labels, but {images} holds 3 images", e.Message);
    }

    [Fact]
    public void ReadImages_WrongMagic_ThrowsInvalidData()
    {
        var bytes = IdxBytes.Images(3, 3, 5);
        bytes[1] = 0x01;
        var path = temp.Write("images", bytes);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.StartsWith($"{path}: bad magic: the first two bytes must be zero", e.Message);
    }

    [Fact]
    public void ReadImages_UnknownTypeCode_ThrowsInvalidData()
    {
        var bytes = IdxBytes.Images(3, 3, 5);
        bytes[2] = 0x07;
        var path = temp.Write("images", bytes);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.StartsWith($"{path}: bad magic: type code 0x07", e.Message);
    }

    [Fact]
    public void ReadImages_FloatElements_ThrowsInvalidData()
    {
        byte[] bytes = [.. IdxBytes.Header(0x0D, 1, 1, 2), .. new byte[8]];
        var path = temp.Write("images", bytes);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.StartsWith(
            $"{path}: element type SingleBigEndian (0x0D) is not supported", e.Message);
    }

    [Fact]
    public void ReadImages_LabelFile_ThrowsInvalidDataOnDimensionCount()
    {
        var path = temp.Write("labels", IdxBytes.Labels(1, 2, 3));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal(
            $"{path}: 1 dimensions; an image file has 3 (count, rows, columns)", e.Message);
    }

    [Fact]
    public void ReadLabels_ImageFile_ThrowsInvalidDataOnDimensionCount()
    {
        var path = temp.Write("images", IdxBytes.Images(1, 3, 5));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Equal($"{path}: 3 dimensions; a label file has 1 (count)", e.Message);
    }

    [Fact]
    public void ReadImages_EmptyImages_ThrowsInvalidData()
    {
        var path = temp.Write("images", IdxBytes.Header(IdxBytes.UnsignedByte, 4, 0, 5));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"{path}: images of 0 x 5 pixels are empty", e.Message);
    }

    [Fact]
    public void ReadImages_Truncated_ThrowsInvalidData()
    {
        var path = temp.Write("images", IdxBytes.Images(3, 3, 5)[..^8]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"{path}: truncated: 45 pixel bytes expected, 37 found", e.Message);
    }

    [Fact]
    public void ReadImages_TruncatedGzip_ThrowsInvalidData()
    {
        var path = temp.Write("images.gz", IdxBytes.Gzip(IdxBytes.Images(3, 3, 5)[..^8]));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"{path}: truncated: 45 pixel bytes expected, 37 found", e.Message);
    }

    [Fact]
    public void ReadImages_ExtraBytes_ThrowsInvalidData()
    {
        var path = temp.Write("images", [.. IdxBytes.Images(3, 3, 5), 1, 2]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"{path}: 45 pixel bytes expected, 47 found", e.Message);
    }

    [Fact]
    public void ReadImages_ExtraBytesInGzip_ThrowsInvalidData()
    {
        var path = temp.Write("images", IdxBytes.Gzip([.. IdxBytes.Images(3, 3, 5), 1]));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"{path}: 45 pixel bytes expected, but more data follow", e.Message);
    }

    [Fact]
    public void ReadLabels_TruncatedHeader_ThrowsInvalidData()
    {
        var path = temp.Write("labels", IdxBytes.Labels(1, 2)[..6]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Equal($"{path}: truncated: the IDX header needs 8 bytes, found 6", e.Message);
    }

    [Fact]
    public void ReadLabels_LittleEndianHeader_ThrowsInvalidData()
    {
        var path = temp.Write("labels", [0x01, 0x08, 0, 0, 0x03, 0, 0, 0, 7, 2, 1]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.StartsWith($"{path}: bad magic: the first two bytes must be zero", e.Message);
    }

    [Fact]
    public void ReadLabels_LabelAboveNine_ThrowsInvalidData()
    {
        var path = temp.Write("labels", IdxBytes.Labels(1, 10, 2));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Equal($"{path}: label 10 at index 1 is outside 0..9", e.Message);
    }

    [Fact]
    public void ReadLabels_MissingFile_ThrowsFileNotFound()
    {
        var path = Path.Combine(temp.Root, "absent");

        var e = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadLabels(path));

        Assert.Equal($"{path}: no such file", e.Message);
    }

    [Fact]
    public void ReadLabels_RelativePath_MessageStartsWithPathAsGiven()
    {
        var full = temp.Write("labels", IdxBytes.Labels(1, 2)[..6]);
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(relative));

        Assert.StartsWith($"{relative}: truncated", e.Message);
    }
}
