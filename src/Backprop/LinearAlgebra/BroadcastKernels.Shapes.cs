using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.LinearAlgebra;

/// <content>
/// Tiles for two shapes the 8-row tile serves badly: a few rows of A (a convolution's 4 – 7
/// filters), and long rows of A (a first layer's 784 inputs), where an 8 × k strip does not
/// stay in L1 beside the rows of B passing it. Each entry is still the one chain of fused
/// multiply-adds over p.
/// </content>
internal static partial class BroadcastKernels
{
    // 6 × 4-vector tiles, column panels outside, over ranges of p short enough for the
    // panel's block of B to stay in L1 while the strips pass (one range when k is short), each
    // range continuing the sums of the one before (so every entry is still one chain over p).
    // Tiles that overlap the edge of the block would add a range twice; they run last, over
    // all of p at once, and rewrite the entries they share with the same bits.
    private static void Run6x4<T>(
        ref T a,
        nint rs,
        nint cs,
        ref T b,
        ref T c,
        int k,
        int n,
        (int From, int To) rows,
        (int From, int To) columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var width = 4 * Vector512<T>.Count;
        var (i0, i1) = rows;
        var (j0, j1) = columns;
        var fullRows = i0 + ((i1 - i0) / 6 * 6);
        var fullColumns = j0 + ((j1 - j0) / width * width);
        var depth = Math.Max(16, KBlockBytes / (width * Unsafe.SizeOf<T>()));
        for (var p = 0; p < k; p += depth)
        {
            var kk = Math.Min(depth, k - p);
            for (var j = j0; j < fullColumns; j += width)
            {
                for (var i = i0; i < fullRows; i += 6)
                {
                    Wide6x4(
                        ref Unsafe.Add(ref a, (i * rs) + (p * cs)),
                        rs,
                        cs,
                        ref Unsafe.Add(ref b, ((nint)p * n) + j),
                        n,
                        ref Unsafe.Add(ref c, ((nint)i * n) + j),
                        n,
                        kk,
                        p > 0);
                }
            }
        }

        for (var i = i0; i < i1; i += 6)
        {
            var ii = Math.Min(i, i1 - 6);
            for (var j = j0; j < j1; j += width)
            {
                var jj = Math.Min(j, j1 - width);
                if (i + 6 <= i1 && j + width <= j1)
                {
                    continue;
                }

                Wide6x4(
                    ref Unsafe.Add(ref a, ii * rs),
                    rs,
                    cs,
                    ref Unsafe.Add(ref b, jj),
                    n,
                    ref Unsafe.Add(ref c, ((nint)ii * n) + jj),
                    n,
                    k,
                    false);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x2<T>(
        ref T a,
        nint rs,
        nint cs,
        ref T b,
        nint ldb,
        ref T c,
        nint ldc,
        int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = (nuint)Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<T> c20 = default, c21 = default, c30 = default, c31 = default;
        ref var a1 = ref Unsafe.Add(ref a, rs);
        ref var a2 = ref Unsafe.Add(ref a, 2 * rs);
        ref var a3 = ref Unsafe.Add(ref a, 3 * rs);
        nint ap = 0;
        nuint bp = 0;
        for (var p = 0; p < k; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b, bp);
            var b1 = Vector256.LoadUnsafe(ref b, bp + w);
            var x = Vector256.Create(Unsafe.Add(ref a, ap));
            c00 = SimdOps.Fma(x, b0, c00);
            c01 = SimdOps.Fma(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a1, ap));
            c10 = SimdOps.Fma(x, b0, c10);
            c11 = SimdOps.Fma(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a2, ap));
            c20 = SimdOps.Fma(x, b0, c20);
            c21 = SimdOps.Fma(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a3, ap));
            c30 = SimdOps.Fma(x, b0, c30);
            c31 = SimdOps.Fma(x, b1, c31);
            ap += cs;
            bp += (nuint)ldb;
        }

        var r = (nuint)ldc;
        c00.StoreUnsafe(ref c, 0);
        c01.StoreUnsafe(ref c, w);
        c10.StoreUnsafe(ref c, r);
        c11.StoreUnsafe(ref c, r + w);
        c20.StoreUnsafe(ref c, 2 * r);
        c21.StoreUnsafe(ref c, (2 * r) + w);
        c30.StoreUnsafe(ref c, 3 * r);
        c31.StoreUnsafe(ref c, (3 * r) + w);
    }
}
