using Backprop.LinearAlgebra;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.LinearAlgebra;

public class OpenBlasTests
{
    [Theory]
    [InlineData(null, true, GemmBackend.Managed)]
    [InlineData("managed", true, GemmBackend.Managed)]
    [InlineData("openblas", true, GemmBackend.OpenBlas)]
    [InlineData("OpenBLAS", true, GemmBackend.OpenBlas)]
    [InlineData("openblas", false, GemmBackend.Managed)]
    [InlineData("fastest", true, GemmBackend.Managed)]
    public void ParseBackend_OpenBlasOnlyWhenAskedForAndPresent(
        string? value, bool available, GemmBackend expected)
    {
        Assert.Equal(expected, Gemm.ParseBackend(value, available));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void TryRun_MatchesManagedProductOrReportsAbsence(int layout)
    {
        var product = (GemmProduct)layout;
        const int m = 37, k = 91, n = 29;
        var rng = new Random(3);
        var A = new double[m * k];
        var B = new double[k * n];
        for (var i = 0; i < A.Length; i++)
        {
            A[i] = rng.NextDouble() - 0.5;
        }

        for (var i = 0; i < B.Length; i++)
        {
            B[i] = rng.NextDouble() - 0.5;
        }

        var expected = new double[m * n];
        ManagedGemm.Block<double>(product, A, B, expected, m, k, n, (0, m), (0, n));
        var C = new double[m * n];
        var single = new float[m * n];

        var ran = OpenBlas.TryRun<double>(product, A, B, C, m, k, n);
        var ranSingle = OpenBlas.TryRun<float>(
            product, Array.ConvertAll(A, v => (float)v), Array.ConvertAll(B, v => (float)v),
            single, m, k, n);

        Assert.Equal(Gemm.OpenBlasAvailable, ran);
        Assert.Equal(Gemm.OpenBlasAvailable, ranSingle);
        if (ran)
        {
            ArrayAssert.Close(expected, C, 1e-12, 1e-12, "OpenBLAS dgemm");
            ArrayAssert.Close(
                expected, Array.ConvertAll(single, v => (double)v), 1e-4, 1e-4, "sgemm");
        }
        else
        {
            Assert.All(C, v => Assert.Equal(0.0, v));
        }
    }

    [Fact]
    public void Backend_OpenBlas_ThrowsNotSupportedExactlyWhenAbsent()
    {
        if (Gemm.OpenBlasAvailable)
        {
            // Selecting it would switch every test running alongside; parsing covers it.
            Assert.Equal(GemmBackend.OpenBlas, Gemm.ParseBackend("openblas", true));
            return;
        }

        Assert.Throws<NotSupportedException>(() => Gemm.Backend = GemmBackend.OpenBlas);
        Assert.Equal(GemmBackend.Managed, Gemm.Backend);
    }

    [Fact]
    public void TryRun_EmptyInnerSize_LeavesItToTheManagedKernels()
    {
        var C = new float[4];

        var ran = OpenBlas.TryRun<float>(GemmProduct.Plain, [], [], C, 2, 0, 2);

        Assert.False(ran);
    }
}
