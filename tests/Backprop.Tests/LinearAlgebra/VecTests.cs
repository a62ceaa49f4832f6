using Backprop.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

public class VecTests
{
    [Fact]
    public void Stack_PutsFirstColumnOnTop()
    {
        // [[1, 2, 3], [4, 5, 6]] stacked by columns is [1, 4, 2, 5, 3, 6].
        var stacked = new double[6];

        Vec.Stack([1, 2, 3, 4, 5, 6], 2, 3, stacked);

        Assert.Equal([1, 4, 2, 5, 3, 6], stacked);
    }

    [Fact]
    public void Unstack_InvertsStack()
    {
        var stacked = new double[6];
        var back = new double[6];

        Vec.Stack([1, 2, 3, 4, 5, 6], 3, 2, stacked);
        Vec.Unstack(stacked, 3, 2, back);

        Assert.Equal([1, 2, 3, 4, 5, 6], back);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 2)]
    [InlineData(7, 1, 9)]
    [InlineData(33, 17, 65)]
    public void GemmKernels_MatchNaiveProducts(int m, int k, int n)
    {
        var rng = new Random(m + (7 * k) + (31 * n));
        var A = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var B = Enumerable.Range(0, k * n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var expected = Naive(A, B, m, k, n);
        var C = new double[m * n];

        Gemm.Multiply<double>(A, B, C, m, k, n);
        Assert.Equal(expected, C, (a, b) => Math.Abs(a - b) < 1e-12);

        Gemm.MultiplyTransposedB<double>(A, Transpose(B, k, n), C, m, k, n);
        Assert.Equal(expected, C, (a, b) => Math.Abs(a - b) < 1e-12);

        Gemm.MultiplyTransposedA<double>(Transpose(A, m, k), B, C, m, k, n);
        Assert.Equal(expected, C, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    private static double[] Naive(double[] A, double[] B, int m, int k, int n)
    {
        var C = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var p = 0; p < k; p++)
                {
                    C[(i * n) + j] += A[(i * k) + p] * B[(p * n) + j];
                }
            }
        }

        return C;
    }

    private static double[] Transpose(double[] X, int rows, int columns)
    {
        var T = new double[X.Length];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                T[(j * rows) + i] = X[(i * columns) + j];
            }
        }

        return T;
    }
}
