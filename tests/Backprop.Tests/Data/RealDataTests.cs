using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>Checks on the installed data sets (scripts/install-data.sh installs them).</summary>
[Trait("Category", "RealData")]
public sealed class RealDataTests
{
    [Fact]
    public void FashionMnist_Has60000TrainAnd10000TestImagesOf28By28()
    {
        var split = DataSets.Load(DataSets.FashionMnist);

        Assert.Equal((60000, 28, 28), (split.Train.Count, split.Train.Rows, split.Train.Columns));
        Assert.Equal((10000, 28, 28), (split.Test.Count, split.Test.Rows, split.Test.Columns));
        Assert.All(split.Train.CountPerClass(), count => Assert.Equal(6000, count));
        Assert.All(split.Test.CountPerClass(), count => Assert.Equal(1000, count));
    }

    [Fact]
    public void Mnist10k_Has8000TrainAnd2000TestImagesStratifiedByDigit()
    {
        var split = DataSets.Load(DataSets.Mnist10k);

        Assert.Equal((8000, 28, 28), (split.Train.Count, split.Train.Rows, split.Train.Columns));
        Assert.Equal(2000, split.Test.Count);
        int[] train = [801, 902, 793, 826, 784, 690, 811, 856, 755, 782];
        int[] test = [200, 225, 198, 206, 196, 173, 203, 214, 189, 196];
        Assert.Equal(train, split.Train.CountPerClass());
        Assert.Equal(test, split.Test.CountPerClass());
    }

    [Fact]
    public void Mnist10k_PixelsCoverTheFullByteRange()
    {
        var split = DataSets.Load(DataSets.Mnist10k);

        Assert.Equal(0, split.Train.Pixels.Min());
        Assert.Equal(255, split.Train.Pixels.Max());
    }
}
