using Backprop.Cli.Plots;

namespace Backprop.Tests.Plots;

public class ColorScaleTests
{
    [Fact]
    public void SymmetricLimit_IsNinetyNinthPercentileOfNonzeroMagnitudes()
    {
        var grid = new double[1, 201];
        for (var d = 0; d < 200; d++)
        {
            grid[0, d] = d % 2 == 0 ? d + 1 : -(d + 1);
        }

        // Magnitudes 1..200 (the last cell is 0 and ignored): the 198th of 200 is 198.
        Assert.Equal(198.0, ColorScale.SymmetricLimit([grid]));
    }

    [Fact]
    public void SymmetricLimit_AllZero_IsOne()
    {
        Assert.Equal(1.0, ColorScale.SymmetricLimit([new double[2, 3]]));
    }

    [Fact]
    public void MarkZeros_TurnsExactZerosIntoNaN()
    {
        var grid = new double[,] { { 0.0, 1e-300 }, { -0.0, -2.0 } };

        ColorScale.MarkZeros(grid);

        Assert.True(double.IsNaN(grid[0, 0]));
        Assert.True(double.IsNaN(grid[1, 0]));
        Assert.Equal(1e-300, grid[0, 1]);
        Assert.Equal(-2.0, grid[1, 1]);
    }
}
