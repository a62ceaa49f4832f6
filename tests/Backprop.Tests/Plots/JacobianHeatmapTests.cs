using Backprop.Cli.Plots;
using Backprop.LinearAlgebra;

namespace Backprop.Tests.Plots;

public sealed class JacobianHeatmapTests : IDisposable
{
    // LeNet-300-100: 784·300 + 300, 300·100 + 100, 100·10 + 10 parameters, 266,610 in all.
    private static readonly (string Label, int StartColumn, int ColumnCount)[] LeNetBlocks =
    [
        ("W1,b1", 0, 235_500), ("W2,b2", 235_500, 30_100), ("W3,b3", 265_600, 1_010),
    ];

    private static readonly (string Label, int StartColumn, int ColumnCount)[] SmallBlocks =
    [
        ("W1,b1", 0, 8), ("W2,b2", 8, 6),
    ];

    private readonly PlotFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Save_SmallMatrix_WritesPng()
    {
        var path = files.PathOf("small.png");

        JacobianHeatmap.Save(RandomMatrix(3, 14, seed: 1), SmallBlocks, path, "Small J");

        PlotFiles.AssertPng(path, 1600, 500);
    }

    [Fact]
    public void Save_LeNetSizedMatrix_WritesPng()
    {
        var path = files.PathOf("lenet.png");

        JacobianHeatmap.Save(RandomMatrix(10, 266_610, seed: 2), LeNetBlocks, path, "LeNet J");

        PlotFiles.AssertPng(path, 1600, 500);
    }

    [Fact]
    public void Save_ZeroRow_DrawnInZeroGrey()
    {
        var J = RandomMatrix(2, 6, seed: 3);
        J.Row(0).Clear();
        var withZeros = files.PathOf("zeros.png");
        var withoutZeros = files.PathOf("dense.png");

        JacobianHeatmap.Save(J, [], withZeros, "half zero");
        JacobianHeatmap.Save(RandomMatrix(2, 6, seed: 3), [], withoutZeros, "no zeros");

        // Half the data area is grey #BDBDBD with the zero row, and none without it.
        var grey = CountZeroGrey(PlotFiles.AssertPng(withZeros, 1600, 500));
        var none = CountZeroGrey(PlotFiles.AssertPng(withoutZeros, 1600, 500));
        Assert.True(grey > 200_000, $"expected a grey half, found {grey} grey pixels");
        Assert.True(none < 1_000, $"expected no grey area, found {none} grey pixels");
    }

    [Fact]
    public void Save_ExistingFile_IsReplacedWithoutLeftovers()
    {
        var path = files.PathOf("j.png");
        File.WriteAllText(path, "old contents");

        JacobianHeatmap.Save(RandomMatrix(3, 14, seed: 4), SmallBlocks, path, "replaced");

        PlotFiles.AssertPng(path, 1600, 500);
        Assert.Equal(["j.png"], files.FileNames());
    }

    [Fact]
    public void Save_OverlappingBlocks_ThrowsArgumentException()
    {
        (string, int, int)[] blocks = [("W1,b1", 0, 9), ("W2,b2", 8, 6)];

        var e = Assert.Throws<ArgumentException>(() => JacobianHeatmap.Save(
            RandomMatrix(3, 14, seed: 5), blocks, files.PathOf("j.png"), "overlap"));

        Assert.Equal("blocks", e.ParamName);
        Assert.Empty(files.FileNames());
    }

    [Fact]
    public void Save_BlockPastLastColumn_ThrowsArgumentException()
    {
        (string, int, int)[] blocks = [("W1,b1", 8, 7)];

        var e = Assert.Throws<ArgumentException>(() => JacobianHeatmap.Save(
            RandomMatrix(3, 14, seed: 6), blocks, files.PathOf("j.png"), "too far"));

        Assert.Equal("blocks", e.ParamName);
    }

    [Fact]
    public void Save_NaNEntry_ThrowsArgumentException()
    {
        var J = RandomMatrix(3, 14, seed: 7);
        J[2, 5] = double.NaN;

        var e = Assert.Throws<ArgumentException>(
            () => JacobianHeatmap.Save(J, SmallBlocks, files.PathOf("j.png"), "nan"));

        Assert.Equal("J", e.ParamName);
        Assert.Contains("(2, 5)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_EmptyMatrix_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => JacobianHeatmap.Save(
            new Matrix(0, 14), SmallBlocks, files.PathOf("j.png"), "empty"));

        Assert.Equal("J", e.ParamName);
    }

    [Fact]
    public void Save_MissingFolder_ThrowsArgumentException()
    {
        var path = Path.Combine(files.Folder, "absent", "j.png");

        var e = Assert.Throws<ArgumentException>(() => JacobianHeatmap.Save(
            RandomMatrix(3, 14, seed: 8), SmallBlocks, path, "no folder"));

        Assert.Equal("path", e.ParamName);
    }

    [Fact]
    public void Save_NullMatrix_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(
            () => JacobianHeatmap.Save(null!, SmallBlocks, files.PathOf("j.png"), "null"));
    }

    private static int CountZeroGrey(byte[] png) => PlotFiles.CountPixels(png, 189, 189, 189);

    private static Matrix RandomMatrix(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var J = new Matrix(rows, columns);
        for (var k = 0; k < J.Data.Length; k++)
        {
            J.Data[k] = (2 * random.NextDouble()) - 1;
        }

        return J;
    }
}
