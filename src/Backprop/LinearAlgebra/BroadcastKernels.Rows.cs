using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.LinearAlgebra;

/// <content>
/// One row of C for a short inner dimension: the weight gradient of a few samples, where k is
/// the number of samples and the row is one unit's row of dW-block. Such a row costs what its
/// stores cost, so it runs as one pass over the row, a vector at a time. The first step,
/// fma(â₀, b, 0) in every other kernel here, is computed as â₀ · b + 0: it rounds the same way
/// (an exact zero product gives +0 either way) and needs no zeroed register per vector, which
/// makes the pass about as fast as a plain scaled copy.
/// </content>
internal static partial class BroadcastKernels
{
    /// <summary>Computes columns [0, n) of one row of C from k rows of B.</summary>
    /// <param name="a">Â(i, 0); Â(i, p) lies at a[p·cs].</param>
    /// <param name="cs">The distance between Â(i, p) and Â(i, p + 1).</param>
    /// <param name="b">B, row-major k × n.</param>
    /// <param name="c">The row of C.</param>
    /// <param name="k">The inner dimension, at least 1.</param>
    /// <param name="n">The columns of B and C.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void StreamRow<T>(ref T a, nint cs, ref T b, ref T c, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j <= n - Vector512<T>.Count; j += Vector512<T>.Count)
            {
                var at = (nuint)j;
                var first = Vector512.Create(a) * Vector512.LoadUnsafe(ref b, at);
                var s = first + Vector512<T>.Zero;
                for (var p = 1; p < k; p++)
                {
                    var row = (nuint)((nint)p * n);
                    s = SimdOps.Fma(
                        Vector512.Create(Unsafe.Add(ref a, p * cs)),
                        Vector512.LoadUnsafe(ref b, row + at),
                        s);
                }

                s.StoreUnsafe(ref c, at);
            }
        }

        var w256 = Vector256<T>.Count;
        for (; j <= n - w256; j += w256)
        {
            var at = (nuint)j;
            var first = Vector256.Create(a) * Vector256.LoadUnsafe(ref b, at);
            var s = first + Vector256<T>.Zero;
            for (var p = 1; p < k; p++)
            {
                var row = (nuint)((nint)p * n);
                s = SimdOps.Fma(
                    Vector256.Create(Unsafe.Add(ref a, p * cs)),
                    Vector256.LoadUnsafe(ref b, row + at),
                    s);
            }

            s.StoreUnsafe(ref c, at);
        }

        for (; j < n; j++)
        {
            var s = T.Zero;
            for (var p = 0; p < k; p++)
            {
                s = SimdOps.FusedMultiplyAdd(
                    Unsafe.Add(ref a, p * cs), Unsafe.Add(ref b, ((nint)p * n) + j), s);
            }

            Unsafe.Add(ref c, j) = s;
        }
    }
}
