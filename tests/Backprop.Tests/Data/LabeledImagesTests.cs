using Backprop.Data;

namespace Backprop.Tests.Data;

public sealed class LabeledImagesTests
{
    // Two images of 3 rows x 5 columns; pixel (n, r, s) = 100 n + 10 r + s.
    private static LabeledImages TwoImages()
    {
        var pixels = new byte[2 * 15];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = IdxBytes.Pixel(i / 15, i % 15 / 5, i % 5);
        }

        return new LabeledImages(pixels, [3, 8], rows: 3, columns: 5);
    }

    [Fact]
    public void Image_ReturnsRowMajorPixelsOfThatImage()
    {
        var image = TwoImages().Image(1);

        Assert.Equal(15, image.Length);
        Assert.Equal(IdxBytes.Pixel(1, 2, 3), image[2 * 5 + 3]);
    }

    [Fact]
    public void ScaleImage_Float_DividesBy255()
    {
        var destination = new float[15];

        TwoImages().ScaleImage(1, destination);

        Assert.Equal(IdxBytes.Pixel(1, 0, 4) / 255f, destination[4]);
        Assert.Equal(100 / 255f, destination[0]);
    }

    [Fact]
    public void ScaleImage_Double_DividesBy255()
    {
        var destination = new double[15];

        TwoImages().ScaleImage(0, destination);

        Assert.Equal(24 / 255.0, destination[2 * 5 + 4]);
    }

    [Fact]
    public void ScaleImage_WrongDestinationLength_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() => TwoImages().ScaleImage(0, new float[14]));
    }

    [Fact]
    public void Image_IndexOutOfRange_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoImages().Image(2));
    }

    [Fact]
    public void Subset_CopiesChosenImagesInOrder()
    {
        var subset = TwoImages().Subset([1, 0, 1]);

        Assert.Equal([8, 3, 8], subset.Labels);
        Assert.Equal(IdxBytes.Pixel(0, 1, 1), subset.Image(1)[6]);
        Assert.Equal((3, 5), (subset.Rows, subset.Columns));
    }

    [Fact]
    public void CountPerClass_CountsEachLabel()
    {
        var counts = TwoImages().Subset([1, 0, 1]).CountPerClass();

        Assert.Equal([0, 0, 0, 1, 0, 0, 0, 0, 2, 0], counts);
    }

    [Fact]
    public void Constructor_PixelCountMismatch_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() => new LabeledImages(new byte[14], [1], 3, 5));
    }

    [Fact]
    public void Constructor_LabelNotBelowClassCount_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() => new LabeledImages(new byte[15], [10], 3, 5));
    }

    [Fact]
    public void Constructor_ZeroRows_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabeledImages([], [], 0, 5));
    }
}
