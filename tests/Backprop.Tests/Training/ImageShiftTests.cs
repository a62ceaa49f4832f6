using Backprop.Training;

namespace Backprop.Tests.Training;

public class ImageShiftTests
{
    // A 3 × 5 image (non-square, so a row/column swap fails): pixel (r, c) = 10 r + c + 1.
    private static readonly float[] Image =
        [1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 21, 22, 23, 24, 25];

    [Fact]
    public void Apply_DownOneRightTwo_MovesPixelsAndFillsBackground()
    {
        var shift = new ImageShift(3, 5, 2, -1f);
        var moved = new float[15];

        shift.Apply(Image, moved, 1, 2);

        Assert.Equal(
            [-1, -1, -1, -1, -1, -1, -1, 1, 2, 3, -1, -1, 11, 12, 13],
            moved);
    }

    [Fact]
    public void Apply_UpOneLeftOne_MovesTheOtherWay()
    {
        var shift = new ImageShift(3, 5, 1, 0f);
        var moved = new float[15];

        shift.Apply(Image, moved, -1, -1);

        Assert.Equal([12, 13, 14, 15, 0, 22, 23, 24, 25, 0, 0, 0, 0, 0, 0], moved);
    }

    [Fact]
    public void Apply_NoShift_CopiesTheImage()
    {
        var moved = new float[15];

        new ImageShift(3, 5, 1, 0f).Apply(Image, moved, 0, 0);

        Assert.Equal(Image, moved);
    }
}
