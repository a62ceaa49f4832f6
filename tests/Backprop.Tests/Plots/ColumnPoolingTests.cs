using Backprop.Cli.Plots;
using Backprop.LinearAlgebra;

namespace Backprop.Tests.Plots;

public class ColumnPoolingTests
{
    [Fact]
    public void Pool_KeepsSignedEntryOfLargestMagnitude()
    {
        var J = new Matrix(1, 6, [0.5, -3.0, 2.0, 1.0, -1.0, 0.25]);

        var pooled = ColumnPooling.Pool(J, 0, 6, 2);

        Assert.Equal(-3.0, pooled[0, 0]);
        Assert.Equal(1.0, pooled[0, 1]);
    }

    [Fact]
    public void Pool_AllZeroColumns_StayZero()
    {
        var J = new Matrix(2, 4, [0, 0, 5, 0, 0, 0, 0, 0]);

        var pooled = ColumnPooling.Pool(J, 0, 4, 2);

        Assert.Equal(0.0, pooled[0, 0]);
        Assert.Equal(5.0, pooled[0, 1]);
        Assert.Equal(0.0, pooled[1, 0]);
        Assert.Equal(0.0, pooled[1, 1]);
    }

    [Fact]
    public void Pool_EqualMagnitudes_KeepFirstInColumnOrder()
    {
        var J = new Matrix(1, 2, [-2.0, 2.0]);

        var pooled = ColumnPooling.Pool(J, 0, 2, 1);

        Assert.Equal(-2.0, pooled[0, 0]);
    }

    [Fact]
    public void Pool_RunInsideMatrix_ReadsOnlyItsColumns()
    {
        var J = new Matrix(2, 5, [9, 1, 2, 3, 9, 9, 4, 5, 6, 9]);

        var pooled = ColumnPooling.Pool(J, 1, 3, 3);

        Assert.Equal(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, pooled);
    }
}
