using Backprop.Jacobians;
using Backprop.LinearAlgebra;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.Jacobians;

public class JacobianFactorTests
{
    [Fact]
    public void Kronecker_ToMatrix_IsBlockDiagonalOfInputThenIdentity()
    {
        var J = new KroneckerFactor([2, 3], 2).ToMatrix();

        Assert.Equal((2, 6), (J.Rows, J.Columns));
        Assert.Equal([2.0, 3, 0, 0, 1, 0], J.Row(0).ToArray());
        Assert.Equal([0.0, 0, 2, 3, 0, 1], J.Row(1).ToArray());
    }

    [Fact]
    public void Factors_ApplyAndTranspose_MatchTheirMatrices()
    {
        var rng = new Random(4);
        JacobianFactor[] factors =
        [
            new KroneckerFactor([0.5, -1, 2], 4),
            new DiagonalFactor([1, 0, -2]),
            new DenseFactor(new Matrix(2, 3, [1, 2, 3, -4, 5, 6])),
        ];
        foreach (var factor in factors)
        {
            var M = factor.ToMatrix();
            var u = Enumerable.Range(0, factor.Columns).Select(_ => rng.NextDouble()).ToArray();
            var v = Enumerable.Range(0, factor.Rows).Select(_ => rng.NextDouble()).ToArray();
            var left = new Matrix(2, factor.Rows, [.. v, .. v]);

            ArrayAssert.Close(M.Multiply(u), factor.Apply(u), 1e-15, 1e-15);
            ArrayAssert.Close(M.TransposeMultiply(v), factor.ApplyTranspose(v), 1e-15, 1e-15);
            ArrayAssert.Close(left.Multiply(M).Data, factor.MultiplyLeft(left).Data, 1e-15, 1e-15);
        }
    }

    [Fact]
    public void Kronecker_StoresOnlyTheInput()
    {
        Assert.Equal(784, new KroneckerFactor(new double[784], 300).StoredCount);
    }

    [Fact]
    public void Apply_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DiagonalFactor([1, 2]).Apply([1.0]));
        Assert.Throws<ArgumentException>(() => new KroneckerFactor([1, 2], 2).Apply([1.0]));
    }

    [Fact]
    public void MultiplyLeftInto_ColumnsOutOfRange_Throws()
    {
        var factor = new KroneckerFactor([1, 2], 2);

        Assert.Throws<ArgumentException>(() =>
            factor.MultiplyLeftInto(Matrix.Identity(2), new Matrix(2, 6), 1));
    }

    [Fact]
    public void Toeplitz_KernelLargerThanInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => ToeplitzMatrix.Build([1, 2, 3, 4], 2, 2, 1, 3));
    }

    [Fact]
    public void Toeplitz_KernelLengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => ToeplitzMatrix.Build([1, 2, 3], 2, 2, 3, 3));
    }
}
