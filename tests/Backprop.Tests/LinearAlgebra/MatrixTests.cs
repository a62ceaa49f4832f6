using Backprop.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

public class MatrixTests
{
    [Fact]
    public void Constructor_NegativeSize_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix(-1, 2));
    }

    [Fact]
    public void Constructor_DataOfWrongLength_ThrowsWithBothSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Matrix(2, 3, new double[5]));

        Assert.Contains("needs 6 entries, got 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multiply_InnerDimensionsDiffer_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Matrix(2, 3).Multiply(new Matrix(2, 3)));
    }

    [Fact]
    public void MultiplyVector_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Matrix(2, 3).Multiply(new double[2]));
    }

    [Fact]
    public void TransposeMultiply_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Matrix(2, 3).TransposeMultiply(new double[3]));
    }

    [Fact]
    public void Transpose_SwapsIndices_AndProductMatchesByHand()
    {
        var A = new Matrix(2, 3, [1, 2, 3, 4, 5, 6]);

        var product = A.Multiply(A.Transpose());

        Assert.Equal([14.0, 32.0, 32.0, 77.0], product.Data);
        Assert.Equal(6.0, A.Transpose()[2, 1]);
    }
}
