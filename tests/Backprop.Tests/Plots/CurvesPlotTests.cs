using Backprop.Cli.Plots;

namespace Backprop.Tests.Plots;

public sealed class CurvesPlotTests : IDisposable
{
    private readonly PlotFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Save_SeveralEpochs_WritesPng()
    {
        var path = files.PathOf("curves.png");

        CurvesPlot.Save(Epochs(12), path, "Learning curves");

        PlotFiles.AssertPng(path, 1000, 800);
    }

    [Fact]
    public void Save_OneEpoch_WritesPng()
    {
        var path = files.PathOf("one.png");

        CurvesPlot.Save([new EpochPoint(1, 0.5, 0.9, 0.88)], path, "One epoch");

        PlotFiles.AssertPng(path, 1000, 800);
    }

    [Fact]
    public void Save_NoTestSet_WritesPng()
    {
        var path = files.PathOf("no-test.png");
        EpochPoint[] points = [new(1, 0.7, 0.8, double.NaN), new(2, 0.4, 0.9, double.NaN)];

        CurvesPlot.Save(points, path, "No test set");

        PlotFiles.AssertPng(path, 1000, 800);
    }

    [Fact]
    public void Save_EpochsOutOfOrder_WritesPng()
    {
        var path = files.PathOf("shuffled.png");
        var points = Epochs(5);
        points.Reverse();

        CurvesPlot.Save(points, path, "Shuffled epochs");

        PlotFiles.AssertPng(path, 1000, 800);
    }

    [Fact]
    public void Save_ExistingFile_IsReplacedWithoutLeftovers()
    {
        var path = files.PathOf("curves.png");
        File.WriteAllText(path, "old contents");

        CurvesPlot.Save(Epochs(3), path, "Replaced");

        PlotFiles.AssertPng(path, 1000, 800);
        Assert.Equal(["curves.png"], files.FileNames());
    }

    [Fact]
    public void Save_NoPoints_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(
            () => CurvesPlot.Save([], files.PathOf("c.png"), "empty"));

        Assert.Equal("points", e.ParamName);
        Assert.Empty(files.FileNames());
    }

    [Fact]
    public void Save_PathIsFolder_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(
            () => CurvesPlot.Save(Epochs(2), files.Folder, "folder"));

        Assert.Equal("path", e.ParamName);
    }

    [Fact]
    public void Save_NullPoints_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(
            () => CurvesPlot.Save(null!, files.PathOf("c.png"), "null"));
    }

    private static List<EpochPoint> Epochs(int count)
    {
        var points = new List<EpochPoint>();
        var loss = 2.3;
        for (var epoch = 1; epoch <= count; epoch++)
        {
            loss *= 0.7;
            points.Add(new EpochPoint(epoch, loss, 1 - (loss / 3), 1 - (loss / 2.8)));
        }

        return points;
    }
}
