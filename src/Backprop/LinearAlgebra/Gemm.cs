using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Backprop.LinearAlgebra;

/// <summary>Row-major matrix products for the fast engine: C = A·B, A·Bᵀ and Aᵀ·B.</summary>
/// <remarks>
/// Each kernel walks rows so the inner loop is a contiguous dot product or multiply-add
/// (vectorised by <see cref="TensorPrimitives"/>), and splits the rows of C over threads when
/// the product is large enough to pay for it. Results are independent of the thread count:
/// every entry of C is summed by one thread in a fixed order.
/// </remarks>
public static class Gemm
{
    private const long ParallelThreshold = 1 << 16;

    /// <summary>Gets or sets the largest number of threads a product may use.</summary>
    public static int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Computes C = A · B (A is m × k, B is k × n, C is m × n), overwriting C.</summary>
    /// <param name="A">Left factor, row-major m × k.</param>
    /// <param name="B">Right factor, row-major k × n.</param>
    /// <param name="C">Destination, row-major m × n.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <typeparam name="T">float or double.</typeparam>
    public static void Multiply<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var chunks = Chunks(m, (long)m * k * n);
        if (chunks == 1)
        {
            MultiplyRows(A, B, C, k, n, 0, m);
            return;
        }

        MultiplyRowsParallel(A, B, C, m, k, n, chunks);
    }

    /// <summary>Computes C = A · Bᵀ (A is m × k, B is n × k, C is m × n), overwriting C.</summary>
    /// <param name="A">Left factor, row-major m × k.</param>
    /// <param name="B">Right factor before transposition, row-major n × k.</param>
    /// <param name="C">Destination, row-major m × n.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A and of B.</param>
    /// <param name="n">Rows of B, columns of C.</param>
    /// <typeparam name="T">float or double.</typeparam>
    public static void MultiplyTransposedB<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var chunks = Chunks(m, (long)m * k * n);
        if (chunks == 1)
        {
            MultiplyTransposedBRows(A, B, C, k, n, 0, m);
            return;
        }

        MultiplyTransposedBRowsParallel(A, B, C, m, k, n, chunks);
    }

    /// <summary>Computes C = Aᵀ · B (A is k × m, B is k × n, C is m × n), overwriting C.</summary>
    /// <param name="A">Left factor before transposition, row-major k × m.</param>
    /// <param name="B">Right factor, row-major k × n.</param>
    /// <param name="C">Destination, row-major m × n.</param>
    /// <param name="m">Columns of A, rows of C.</param>
    /// <param name="k">Rows of A and of B.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <typeparam name="T">float or double.</typeparam>
    public static void MultiplyTransposedA<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var chunks = Chunks(m, (long)m * k * n);
        if (chunks == 1)
        {
            MultiplyTransposedARows(A, B, C, m, k, n, 0, m);
            return;
        }

        MultiplyTransposedARowsParallel(A, B, C, m, k, n, chunks);
    }

    /// <summary>Computes C = A · B on the calling thread (see <see cref="Multiply{T}"/>).
    /// </summary>
    internal static void MultiplySerial<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T> => MultiplyRows(A, B, C, k, n, 0, m);

    /// <summary>Computes C = A · Bᵀ on the calling thread.</summary>
    internal static void MultiplyTransposedBSerial<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyTransposedBRows(A, B, C, k, n, 0, m);

    /// <summary>Computes C = Aᵀ · B on the calling thread.</summary>
    internal static void MultiplyTransposedASerial<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyTransposedARows(A, B, C, m, k, n, 0, m);

    private static void MultiplyRows<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int k,
        int n,
        int from,
        int to)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var aAll = A.Span;
        var bAll = B.Span;
        var cAll = C.Span;
        for (var i = from; i < to; i++)
        {
            var c = cAll.Slice(i * n, n);
            c.Clear();
            var a = aAll.Slice(i * k, k);
            for (var p = 0; p < k; p++)
            {
                if (a[p] != T.Zero)
                {
                    TensorPrimitives.MultiplyAdd(bAll.Slice(p * n, n), a[p], c, c);
                }
            }
        }
    }

    private static void MultiplyTransposedBRows<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int k,
        int n,
        int from,
        int to)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var aAll = A.Span;
        var bAll = B.Span;
        var cAll = C.Span;
        for (var i = from; i < to; i++)
        {
            var a = aAll.Slice(i * k, k);
            var c = cAll.Slice(i * n, n);
            for (var j = 0; j < n; j++)
            {
                c[j] = Dot(a, bAll.Slice(j * k, k));
            }
        }
    }

    private static void MultiplyTransposedARows<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n,
        int from,
        int to)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var aAll = A.Span;
        var bAll = B.Span;
        var cAll = C.Span;
        for (var i = from; i < to; i++)
        {
            var c = cAll.Slice(i * n, n);
            c.Clear();
            for (var p = 0; p < k; p++)
            {
                var api = aAll[(p * m) + i];
                if (api != T.Zero)
                {
                    TensorPrimitives.MultiplyAdd(bAll.Slice(p * n, n), api, c, c);
                }
            }
        }
    }

    private static void MultiplyRowsParallel<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n,
        int chunks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        InParallel(chunks, m, (from, to) => MultiplyRows(A, B, C, k, n, from, to));
    }

    private static void MultiplyTransposedBRowsParallel<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n,
        int chunks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        InParallel(chunks, m, (from, to) => MultiplyTransposedBRows(A, B, C, k, n, from, to));
    }

    private static void MultiplyTransposedARowsParallel<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n,
        int chunks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        InParallel(chunks, m, (from, to) => MultiplyTransposedARows(A, B, C, m, k, n, from, to));
    }

    /// <summary>A dot product whose summation order depends only on the length.</summary>
    /// <remarks>
    /// The vector loop always starts at element 0 with two accumulators, so the result does
    /// not depend on where the arrays happen to lie in memory; a library dot product that
    /// aligns its loads first would make training differ from run to run.
    /// </remarks>
    internal static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var va = MemoryMarshal.Cast<T, Vector<T>>(a);
        var vb = MemoryMarshal.Cast<T, Vector<T>>(b.Slice(0, a.Length));
        var s0 = Vector<T>.Zero;
        var s1 = Vector<T>.Zero;
        var v = 0;
        for (; v + 1 < va.Length; v += 2)
        {
            s0 += va[v] * vb[v];
            s1 += va[v + 1] * vb[v + 1];
        }

        if (v < va.Length)
        {
            s0 += va[v] * vb[v];
        }

        var sum = Vector.Sum(s0 + s1);
        for (var i = va.Length * Vector<T>.Count; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static int Chunks(int rows, long flops)
    {
        var threads = Math.Min(MaxThreads, rows);
        return threads <= 1 || flops < ParallelThreshold ? 1 : threads;
    }

    // Kept apart from the public methods so their single-thread path allocates no closure.
    private static void InParallel(int chunks, int rows, Action<int, int> work)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = chunks };
        Parallel.For(0, chunks, options, c => work(c * rows / chunks, (c + 1) * rows / chunks));
    }
}
