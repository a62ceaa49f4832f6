using Backprop.LinearAlgebra;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.LinearAlgebra;

public class GemmTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 0, 0, 0 },
        { 0, 5, 3 },
        { 4, 0, 6 },
        { 3, 5, 0 },
        { 1, 1, 1 },
        { 1, 784, 300 },
        { 1, 300, 1 },
        { 2, 3, 17 },
        { 7, 9, 15 },
        { 8, 1, 16 },
        { 9, 13, 33 },
        { 17, 31, 5 },
        { 64, 100, 10 },
        { 65, 37, 47 },
        { 64, 784, 300 },
        { 300, 64, 784 },
        { 129, 70, 3 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_MatchesNaiveProduct(int m, int k, int n)
    {
        var (A, B) = Operands(m, k, n, 1);
        var C = Filled(m * n);

        Gemm.Multiply<double>(A, B, C, m, k, n);

        ArrayAssert.Close(Naive(A, B, m, k, n, false, false), C, 1e-12, 1e-12, "C = A B");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyTransposedB_MatchesNaiveProduct(int m, int k, int n)
    {
        var (A, B) = Operands(m, k, n, 2);
        var C = Filled(m * n);

        Gemm.MultiplyTransposedB<double>(A, B, C, m, k, n);

        ArrayAssert.Close(Naive(A, B, m, k, n, false, true), C, 1e-12, 1e-12, "C = A Bt");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyTransposedA_MatchesNaiveProduct(int m, int k, int n)
    {
        var (A, B) = Operands(m, k, n, 3);
        var C = Filled(m * n);

        Gemm.MultiplyTransposedA<double>(A, B, C, m, k, n);

        ArrayAssert.Close(Naive(A, B, m, k, n, true, false), C, 1e-12, 1e-12, "C = At B");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FloatProducts_MatchDoubleReference(int m, int k, int n)
    {
        var (A, B) = Operands(m, k, n, 4);
        var a = Array.ConvertAll(A, v => (float)v);
        var b = Array.ConvertAll(B, v => (float)v);
        var tolerance = 1e-5 * Math.Sqrt(k + 1);

        foreach (var (ta, tb) in new[] { (false, false), (false, true), (true, false) })
        {
            var c = new float[m * n];
            Product<float>(a, b, c, m, k, n, ta, tb);
            var expected = Naive(Widen(a), Widen(b), m, k, n, ta, tb);
            ArrayAssert.Close(expected, Widen(c), tolerance, tolerance, $"float {ta} {tb}");
        }
    }

    [Theory]
    [InlineData(64, 784, 300)]
    [InlineData(300, 64, 784)]
    [InlineData(64, 100, 300)]
    [InlineData(37, 53, 91)]
    public void Products_AreBitIdenticalForAnyThreadCount(int m, int k, int n)
    {
        var (A, B) = Operands(m, k, n, 5);
        var a = Array.ConvertAll(A, v => (float)v);
        var b = Array.ConvertAll(B, v => (float)v);
        var saved = Gemm.MaxThreads;
        var backend = Gemm.Backend;
        Gemm.Backend = GemmBackend.Managed;
        try
        {
            foreach (var (ta, tb) in new[] { (false, false), (false, true), (true, false) })
            {
                var one = new float[m * n];
                Gemm.MaxThreads = 1;
                Product<float>(a, b, one, m, k, n, ta, tb);
                foreach (var threads in new[] { 2, 3, 7 })
                {
                    var many = new float[m * n];
                    Gemm.MaxThreads = threads;
                    Product<float>(a, b, many, m, k, n, ta, tb);
                    Assert.Equal(one, many);
                }
            }
        }
        finally
        {
            Gemm.MaxThreads = saved;
            Gemm.Backend = backend;
        }
    }

    [Fact]
    public void Products_AreBitIdenticalForAnyOffsetInMemory()
    {
        const int m = 19, k = 45, n = 37;
        var (A, B) = Operands(m, k, n, 6);
        foreach (var (ta, tb) in new[] { (false, false), (false, true), (true, false) })
        {
            var first = new double[m * n];
            Product<double>(A, B, first, m, k, n, ta, tb);
            for (var offset = 1; offset < 8; offset++)
            {
                var a = new double[A.Length + offset];
                var b = new double[B.Length + offset];
                var c = new double[first.Length + offset];
                A.CopyTo(a, offset);
                B.CopyTo(b, offset);
                Product<double>(
                    a.AsMemory(offset), b.AsMemory(offset), c.AsMemory(offset), m, k, n, ta, tb);
                Assert.Equal(first, c.AsSpan(offset).ToArray());
            }
        }
    }

    // The broadcast kernels (A·B and Aᵀ·B), narrow and wide tiles and their overlapping edges
    // alike, give each entry the chain of fused multiply-adds over p in increasing order.
    [Theory]
    [InlineData(11, 29, 21)]
    [InlineData(19, 37, 45)]
    [InlineData(8, 5, 32)]
    [InlineData(300, 32, 70)]
    [InlineData(6, 25, 784)]
    [InlineData(5, 9, 40)]
    [InlineData(6, 784, 64)]
    [InlineData(13, 600, 100)]
    [InlineData(7, 1000, 130)]
    [InlineData(150, 784, 64)]
    [InlineData(20, 520, 200)]
    [InlineData(13, 50, 100)]
    [InlineData(30, 64, 784)]
    public void ManagedMultiply_SumsEachEntryInIncreasingOrderWithFusedMultiplyAdd(
        int m, int k, int n)
    {
        // The last rows cover the 4-row strips (4 – 7 rows of A), and the 6 × 4-vector tiles:
        // over blocks of p (long rows of A) and over all of p (short ones), whole and at
        // edges that overlap.
        var (A, B) = Operands(m, k, n, 7);
        var C = new double[m * n];
        var Cf = new float[m * n];
        var Af = Array.ConvertAll(A, v => (float)v);
        var Bf = Array.ConvertAll(B, v => (float)v);

        ManagedGemm.Block<double>(GemmProduct.Plain, A, B, C, m, k, n, (0, m), (0, n));
        ManagedGemm.Block<float>(GemmProduct.Plain, Af, Bf, Cf, m, k, n, (0, m), (0, n));

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var s = 0.0;
                var sf = 0f;
                for (var p = 0; p < k; p++)
                {
                    s = Math.FusedMultiplyAdd(A[(i * k) + p], B[(p * n) + j], s);
                    sf = MathF.FusedMultiplyAdd(Af[(i * k) + p], Bf[(p * n) + j], sf);
                }

                Assert.Equal(s, C[(i * n) + j]);
                Assert.Equal(sf, Cf[(i * n) + j]);
            }
        }
    }

    // One row of Aᵀ·B for a short k (a few samples' weight-gradient row) must give the bits of
    // the tiled product, signs of zero included: A has zeros and B negative entries, so some
    // products are −0, which the fused chain starting from +0 turns into +0.
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(1, 784)]
    [InlineData(2, 65)]
    [InlineData(3, 130)]
    [InlineData(4, 17)]
    [InlineData(5, 64)]
    public void TransposedARow_IsBitIdenticalToTheBlockProduct(int k, int n)
    {
        const int m = 9;
        var (A, B) = Operands(m, k, n, 13);
        for (var i = 0; i < A.Length; i += 3)
        {
            A[i] = 0;
        }

        var Af = Array.ConvertAll(A, v => (float)v);
        var Bf = Array.ConvertAll(B, v => (float)v);
        var (block, row) = (new double[m * n], new double[m * n]);
        var (blockF, rowF) = (new float[m * n], new float[m * n]);

        ManagedGemm.Block<double>(GemmProduct.TransposedA, A, B, block, m, k, n, (0, m), (0, n));
        ManagedGemm.Block<float>(GemmProduct.TransposedA, Af, Bf, blockF, m, k, n, (0, m), (0, n));
        for (var i = 0; i < m; i++)
        {
            ManagedGemm.TransposedARow<double>(A, B, row, m, k, n, i);
            ManagedGemm.TransposedARow<float>(Af, Bf, rowF, m, k, n, i);
        }

        Assert.Equal(Array.ConvertAll(block, BitConverter.DoubleToInt64Bits),
            Array.ConvertAll(row, BitConverter.DoubleToInt64Bits));
        Assert.Equal(Array.ConvertAll(blockF, BitConverter.SingleToInt32Bits),
            Array.ConvertAll(rowF, BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void SmallProducts_AfterWarmUp_AllocateNothing()
    {
        // 24 × 40 × 33 multiply-adds stay below the parallel threshold: the calling thread.
        const int m = 24, k = 40, n = 33;
        var A = new float[m * k];
        var B = new float[k * n];
        var C = new float[m * n];
        (bool, bool)[] layouts = [(false, false), (false, true), (true, false)];
        foreach (var (ta, tb) in layouts)
        {
            Product<float>(A, B, C, m, k, n, ta, tb);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var (ta, tb) in layouts)
        {
            Product<float>(A, B, C, m, k, n, ta, tb);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Multiply_ShortOperand_ThrowsArgumentException()
    {
        var C = new double[6];

        var e = Assert.Throws<ArgumentException>(
            () => Gemm.Multiply<double>(new double[5], new double[9], C, 2, 3, 3));

        Assert.Equal("A", e.ParamName);
    }

    [Fact]
    public void Multiply_NegativeSize_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Gemm.Multiply<double>(new double[1], new double[1], new double[1], -1, 1, 1));
    }

    [Fact]
    public void Multiply_HalfPrecision_UsesTheScalarPath()
    {
        Half[] A = [(Half)1, (Half)2, (Half)3, (Half)4];
        Half[] B = [(Half)5, (Half)6, (Half)7, (Half)8];
        var C = new Half[4];

        Gemm.Multiply<Half>(A, B, C, 2, 2, 2);

        Assert.Equal([(Half)19, (Half)22, (Half)43, (Half)50], C);
    }

    private static void Product<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n,
        bool transposeA,
        bool transposeB)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (transposeA)
        {
            Gemm.MultiplyTransposedA(A, B, C, m, k, n);
        }
        else if (transposeB)
        {
            Gemm.MultiplyTransposedB(A, B, C, m, k, n);
        }
        else
        {
            Gemm.Multiply(A, B, C, m, k, n);
        }
    }

    // A and B stored as the product expects: A is k × m when transposed, B is n × k.
    private static double[] Naive(
        double[] A, double[] B, int m, int k, int n, bool transposeA, bool transposeB)
    {
        var C = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var s = 0.0;
                for (var p = 0; p < k; p++)
                {
                    var aip = transposeA ? A[(p * m) + i] : A[(i * k) + p];
                    var bpj = transposeB ? B[(j * k) + p] : B[(p * n) + j];
                    s += aip * bpj;
                }

                C[(i * n) + j] = s;
            }
        }

        return C;
    }

    private static (double[] A, double[] B) Operands(int m, int k, int n, int seed)
    {
        var rng = new Random(seed + m + (7 * k) + (31 * n));
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

        return (A, B);
    }

    // C starts with garbage so a kernel that skips an entry fails.
    private static double[] Filled(int length)
    {
        var C = new double[length];
        Array.Fill(C, double.NaN);
        return C;
    }

    private static double[] Widen(float[] values) => Array.ConvertAll(values, v => (double)v);
}
