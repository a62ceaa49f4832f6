using System.IO.Compression;
using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>Headers that promise more than the file holds must fail before allocating it.</summary>
public sealed class IdxSafetyTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ReadImages_GzipBomb_StopsOneBytePastThePromise()
    {
        // 10 images of 28 x 28 promised, 256 MiB of zeros delivered in a small file.
        var path = Path.Combine(temp.Root, "bomb.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(IdxBytes.Header(IdxBytes.UnsignedByte, 10, 28, 28));
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 256; i++)
            {
                gzip.Write(zeros);
            }
        }

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"{path}: 7840 pixel bytes expected, but more data follow", e.Message);
    }

    [Fact]
    public void ReadImages_GzipPromisingMoreThanDeflateCanHold_ThrowsBeforeReading()
    {
        var header = IdxBytes.Header(IdxBytes.UnsignedByte, 60000, 28, 28);
        var path = temp.Write("liar.gz", IdxBytes.Gzip(header));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.StartsWith(
            $"{path}: truncated: 47040000 pixel bytes expected, more than", e.Message);
    }

    [Fact]
    public void ReadImages_RawPromisingMoreThanTheFile_ThrowsBeforeAllocating()
    {
        var path = temp.Write("liar", IdxBytes.Header(IdxBytes.UnsignedByte, 60000, 28, 28));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"{path}: truncated: 47040000 pixel bytes expected, 0 found", e.Message);
    }

    [Fact]
    public void ReadImages_PromiseOverArrayLimit_ThrowsInvalidData()
    {
        var path = temp.Write("huge", IdxBytes.Header(IdxBytes.UnsignedByte, 1 << 20, 64, 64));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.StartsWith($"{path}: the header promises 1048576 x 64 x 64 elements", e.Message);
    }

    [Fact]
    public void ReadHeader_DimensionAboveInt32_ThrowsInvalidData()
    {
        byte[] bytes = [0, 0, 0x08, 1, 0xFF, 0xFF, 0xFF, 0xFF];
        var path = temp.Write("labels", bytes);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadHeader(path));

        Assert.Equal($"{path}: dimension 0 is 4294967295, more than the 2147483647 supported",
            e.Message);
    }

    [Fact]
    public void ReadLabels_CorruptGzip_ThrowsInvalidDataNamingFile()
    {
        var bytes = IdxBytes.Gzip(IdxBytes.Labels(1, 2, 3));
        bytes.AsSpan(10).Fill(0xFF);
        var path = temp.Write("labels.gz", bytes);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.StartsWith($"{path}: corrupt gzip data", e.Message);
    }

    [Fact]
    public void ReadLabels_GzipChecksumWrong_SaysChecksumNotCompressionMethod()
    {
        var bytes = IdxBytes.Gzip(IdxBytes.Labels(1, 2, 3));
        bytes[^8] ^= 0xFF;
        var path = temp.Write("labels.gz", bytes);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Equal($"{path}: corrupt gzip data (checksum or format error)", e.Message);
    }

    [Fact]
    public void ReadLabels_ZeroDimensions_ThrowsInvalidData()
    {
        var path = temp.Write("labels", [0, 0, 0x08, 0]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Equal($"{path}: bad magic: the dimension count is 0", e.Message);
    }

    [Fact]
    public void ReadLabels_Folder_ThrowsInvalidData()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(temp.Root));

        Assert.Equal($"{temp.Root}: is a folder, not an IDX file", e.Message);
    }
}
