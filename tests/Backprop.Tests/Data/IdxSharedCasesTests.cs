using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>The shared IDX input checks, one test per row of the table in Data/README.md.</summary>
public sealed class IdxSharedCasesTests
{
    private static string Case(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    [Fact]
    public void OkImages_ReadsThreeImagesOfThreeRowsByFiveColumns()
    {
        var images = IdxReader.ReadImages(Case("ok-images-idx3-ubyte"));

        Assert.Equal((3, 3, 5), (images.Count, images.Rows, images.Columns));
    }

    [Fact]
    public void OkImages_PixelImage1Row2Column3_Is33()
    {
        var images = IdxReader.ReadImages(Case("ok-images-idx3-ubyte"));

        Assert.Equal(33, images.Pixels[(1 * 3 + 2) * 5 + 3]);
    }

    [Fact]
    public void OkImages_PixelImage2Row0Column4_Is44()
    {
        var images = IdxReader.ReadImages(Case("ok-images-idx3-ubyte"));

        Assert.Equal(44, images.Pixels[(2 * 3 + 0) * 5 + 4]);
    }

    [Fact]
    public void OkImagesAndLabels_ReadTogether_PairLabels721()
    {
        var set = IdxReader.Read(Case("ok-images-idx3-ubyte"), Case("ok-labels-idx1-ubyte"));

        Assert.Equal([7, 2, 1], set.Labels);
        Assert.Equal(33, set.Image(1)[2 * 5 + 3]);
    }

    [Fact]
    public void OkLabels_ReadsLabels721()
    {
        Assert.Equal([7, 2, 1], IdxReader.ReadLabels(Case("ok-labels-idx1-ubyte")));
    }

    [Fact]
    public void TruncatedImages_ThrowsTruncated45Expected37Found()
    {
        var path = Case("truncated-images-idx3-ubyte");

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"{path}: truncated: 45 pixel bytes expected, 37 found", e.Message);
    }

    [Fact]
    public void LittleEndianHeaderLabels_ThrowsBadMagic()
    {
        var path = Case("little-endian-header-labels-idx1-ubyte");

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.StartsWith($"{path}: bad magic: the first two bytes must be zero", e.Message);
    }
}
