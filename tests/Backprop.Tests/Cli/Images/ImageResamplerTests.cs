using Backprop.Cli.Images;

namespace Backprop.Tests.Cli.Images;

public sealed class ImageResamplerTests
{
    [Fact]
    public void Resize_SameSize_CopiesThePixels()
    {
        byte[] pixels = [1, 2, 3, 4, 5, 6];

        var result = ImageResampler.Resize(new GrayImage(3, 2, pixels), 2, 3);

        Assert.Equal(pixels, result);
        Assert.NotSame(pixels, result);
    }

    [Fact]
    public void Resize_HalfSize_AveragesEachTwoByTwoBlock()
    {
        byte[] pixels =
        [
            0, 100, 10, 10,
            200, 100, 30, 50,
        ];

        var result = ImageResampler.Resize(new GrayImage(4, 2, pixels), 1, 2);

        Assert.Equal([100, 25], result);
    }

    [Fact]
    public void Resize_ThreeToTwo_WeighsPartlyCoveredPixelsByTheirShare()
    {
        // Target pixel 0 covers source [0, 1.5): 1 · 0 + 0.5 · 90, over 1.5, = 30.
        var result = ImageResampler.Resize(new GrayImage(3, 1, [0, 90, 180]), 1, 2);

        Assert.Equal([30, 150], result);
    }

    [Fact]
    public void Resize_Enlarge_InterpolatesLinearlyAndClampsAtTheEdges()
    {
        var result = ImageResampler.Resize(new GrayImage(2, 1, [0, 100]), 1, 4);

        // Centres map to source x = -0.25, 0.25, 0.75, 1.25, clamped to [0, 1].
        Assert.Equal([0, 25, 75, 100], result);
    }

    [Fact]
    public void Resize_BlocksOfAnEnlargedImage_ShrinkBackExactly()
    {
        byte[] small = [9, 200, 37, 255, 0, 128];
        var big = new byte[6 * 9];
        for (var r = 0; r < 6; r++)
        {
            for (var s = 0; s < 9; s++)
            {
                big[(r * 9) + s] = small[((r / 3) * 3) + (s / 3)];
            }
        }

        var result = ImageResampler.Resize(new GrayImage(9, 6, big), 2, 3);

        Assert.Equal(small, result);
    }
}
