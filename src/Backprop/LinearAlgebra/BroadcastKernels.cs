using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.LinearAlgebra;

/// <summary>
/// Register-tiled kernels for C = Â · B with B row-major k × n, where Â(i, p) lies at
/// A[i·rs + p·cs]: rs = k, cs = 1 for A · B, and rs = 1, cs = m for Aᵀ · B.
/// </summary>
/// <remarks>
/// A tile keeps an 8 × 2-vector block of C in registers and runs p from 0 to k, multiplying
/// one broadcast element of Â by two vectors of a row of B. Every entry of C is therefore
/// c = fma(Â(i, k−1), B(k−1, j), … fma(Â(i, 0), B(0, j), 0)), whichever tile, vector lane or
/// scalar loop computes it; so a tile that overlaps its neighbour at the edge of C rewrites
/// the same bits, and the result does not depend on how C is split over threads.
/// </remarks>
internal static partial class BroadcastKernels
{
    private const int Rows = 8;

    // Above this many bytes a B panel (k × two vectors) no longer stays in L1 across a strip.
    private const int PanelBytes = 16 * 1024;

    // The block of a 6 × 4-vector tile's column panel of B, p-range × 4 vectors, kept in L1
    // while the strips pass.
    private const int KBlockBytes = 24 * 1024;

    /// <summary>Computes the block rows [i0, i1) × columns [j0, j1) of C.</summary>
    public static void Run<T>(
        ref T a,
        nint rs,
        nint cs,
        ref T b,
        ref T c,
        int k,
        int n,
        int i0,
        int i1,
        int j0,
        int j1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // 512-bit tiles where the processor runs them and C is wide enough, else 256-bit ones.
        var wide = Vector512.IsHardwareAccelerated && j1 - j0 >= 2 * Vector512<T>.Count;
        var nr = 2 * (wide ? Vector512<T>.Count : Vector256<T>.Count);
        if (i1 - i0 >= Rows / 2 && i1 - i0 < Rows && j1 - j0 >= nr)
        {
            // A few rows (a convolution's filters): strips of half height, the second
            // overlapping the first.
            for (var j = j0; j < j1; j += nr)
            {
                var jj = Math.Min(j, j1 - nr);
                for (var i = i0; i < i1; i += Rows / 2)
                {
                    var ii = Math.Min(i, i1 - (Rows / 2));
                    ref var aStrip = ref Unsafe.Add(ref a, ii * rs);
                    ref var cTile = ref Unsafe.Add(ref c, ((nint)ii * n) + jj);
                    if (wide)
                    {
                        Wide4x2(ref aStrip, rs, cs, ref Unsafe.Add(ref b, jj), n, ref cTile, n, k);
                    }
                    else
                    {
                        Tile4x2(ref aStrip, rs, cs, ref Unsafe.Add(ref b, jj), n, ref cTile, n, k);
                    }
                }
            }

            return;
        }

        if (i1 - i0 < Rows || j1 - j0 < nr)
        {
            for (var i = i0; i < i1; i++)
            {
                ref var aRow = ref Unsafe.Add(ref a, i * rs);
                RowRun(ref aRow, cs, ref b, ref Unsafe.Add(ref c, (nint)i * n), k, n, j0, j1);
            }

            return;
        }

        // 6 × 4-vector tiles for 64 or more columns of C where they beat the 8-row tile: short
        // products whose k × 64 panel of B fits in L1 (a first layer's weight gradient over a
        // batch), and long rows of Â whose 8 × k strip would not stay in L1 beside the B stream
        // (a first layer's 784 inputs). Between the two the 8-row tile was as fast or faster.
        if (wide && i1 - i0 >= 6 && j1 - j0 >= 4 * Vector512<T>.Count
            && ((long)k * 4 * Vector512<T>.Count * Unsafe.SizeOf<T>() <= PanelBytes
                || (long)Rows * k * Unsafe.SizeOf<T>() > PanelBytes))
        {
            Run6x4(ref a, rs, cs, ref b, ref c, k, n, (i0, i1), (j0, j1));
            return;
        }

        if ((long)k * nr * Unsafe.SizeOf<T>() <= PanelBytes)
        {
            // Column panels outside: the k × nr panel of B stays in L1 while strips of Â pass.
            for (var j = j0; j < j1; j += nr)
            {
                var jj = Math.Min(j, j1 - nr);
                for (var i = i0; i < i1; i += Rows)
                {
                    var ii = Math.Min(i, i1 - Rows);
                    Tile(ref a, rs, cs, ref b, ref c, k, n, ii, jj, wide);
                }
            }

            return;
        }

        // Row strips outside: the Rows × k strip of Â stays in L1 while B passes.
        for (var i = i0; i < i1; i += Rows)
        {
            var ii = Math.Min(i, i1 - Rows);
            for (var j = j0; j < j1; j += nr)
            {
                var jj = Math.Min(j, j1 - nr);
                Tile(ref a, rs, cs, ref b, ref c, k, n, ii, jj, wide);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<T>(
        ref T a,
        nint rs,
        nint cs,
        ref T b,
        ref T c,
        int k,
        int n,
        int i,
        int j,
        bool wide)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var aStrip = ref Unsafe.Add(ref a, i * rs);
        ref var bPanel = ref Unsafe.Add(ref b, j);
        ref var cTile = ref Unsafe.Add(ref c, ((nint)i * n) + j);
        if (wide)
        {
            Wide8x2(ref aStrip, rs, cs, ref bPanel, n, ref cTile, n, k);
        }
        else
        {
            Tile8x2(ref aStrip, rs, cs, ref bPanel, n, ref cTile, n, k);
        }
    }

    private static void RowRun<T>(ref T a, nint cs, ref T b, ref T c, int k, int n, int j0, int j1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = Vector256<T>.Count;
        if (j1 - j0 >= 4 * w)
        {
            for (var j = j0; j < j1; j += 4 * w)
            {
                var jj = Math.Min(j, j1 - (4 * w));
                Tile1x4(ref a, cs, ref Unsafe.Add(ref b, jj), n, ref Unsafe.Add(ref c, jj), k);
            }

            return;
        }

        if (j1 - j0 >= w)
        {
            for (var j = j0; j < j1; j += w)
            {
                var jj = Math.Min(j, j1 - w);
                Tile1x1(ref a, cs, ref Unsafe.Add(ref b, jj), n, ref Unsafe.Add(ref c, jj), k);
            }

            return;
        }

        for (var j = j0; j < j1; j++)
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x2<T>(
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
        Vector256<T> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector256<T> c60 = default, c61 = default, c70 = default, c71 = default;
        ref var a0 = ref a;
        ref var a1 = ref Unsafe.Add(ref a, rs);
        ref var a2 = ref Unsafe.Add(ref a, 2 * rs);
        ref var a3 = ref Unsafe.Add(ref a, 3 * rs);
        ref var a4 = ref Unsafe.Add(ref a, 4 * rs);
        ref var a5 = ref Unsafe.Add(ref a, 5 * rs);
        ref var a6 = ref Unsafe.Add(ref a, 6 * rs);
        ref var a7 = ref Unsafe.Add(ref a, 7 * rs);
        nint ap = 0;
        nuint bp = 0;
        for (var p = 0; p < k; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b, bp);
            var b1 = Vector256.LoadUnsafe(ref b, bp + w);
            var x = Vector256.Create(Unsafe.Add(ref a0, ap));
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
            x = Vector256.Create(Unsafe.Add(ref a4, ap));
            c40 = SimdOps.Fma(x, b0, c40);
            c41 = SimdOps.Fma(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref a5, ap));
            c50 = SimdOps.Fma(x, b0, c50);
            c51 = SimdOps.Fma(x, b1, c51);
            x = Vector256.Create(Unsafe.Add(ref a6, ap));
            c60 = SimdOps.Fma(x, b0, c60);
            c61 = SimdOps.Fma(x, b1, c61);
            x = Vector256.Create(Unsafe.Add(ref a7, ap));
            c70 = SimdOps.Fma(x, b0, c70);
            c71 = SimdOps.Fma(x, b1, c71);
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
        c40.StoreUnsafe(ref c, 4 * r);
        c41.StoreUnsafe(ref c, (4 * r) + w);
        c50.StoreUnsafe(ref c, 5 * r);
        c51.StoreUnsafe(ref c, (5 * r) + w);
        c60.StoreUnsafe(ref c, 6 * r);
        c61.StoreUnsafe(ref c, (6 * r) + w);
        c70.StoreUnsafe(ref c, 7 * r);
        c71.StoreUnsafe(ref c, (7 * r) + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x4<T>(ref T a, nint cs, ref T b, nint ldb, ref T c, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = (nuint)Vector256<T>.Count;
        Vector256<T> c0 = default, c1 = default, c2 = default, c3 = default;
        nint ap = 0;
        nuint bp = 0;
        for (var p = 0; p < k; p++)
        {
            var x = Vector256.Create(Unsafe.Add(ref a, ap));
            c0 = SimdOps.Fma(x, Vector256.LoadUnsafe(ref b, bp), c0);
            c1 = SimdOps.Fma(x, Vector256.LoadUnsafe(ref b, bp + w), c1);
            c2 = SimdOps.Fma(x, Vector256.LoadUnsafe(ref b, bp + (2 * w)), c2);
            c3 = SimdOps.Fma(x, Vector256.LoadUnsafe(ref b, bp + (3 * w)), c3);
            ap += cs;
            bp += (nuint)ldb;
        }

        c0.StoreUnsafe(ref c, 0);
        c1.StoreUnsafe(ref c, w);
        c2.StoreUnsafe(ref c, 2 * w);
        c3.StoreUnsafe(ref c, 3 * w);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x1<T>(ref T a, nint cs, ref T b, nint ldb, ref T c, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c0 = Vector256<T>.Zero;
        nint ap = 0;
        nuint bp = 0;
        for (var p = 0; p < k; p++)
        {
            var x = Vector256.Create(Unsafe.Add(ref a, ap));
            c0 = SimdOps.Fma(x, Vector256.LoadUnsafe(ref b, bp), c0);
            ap += cs;
            bp += (nuint)ldb;
        }

        c0.StoreUnsafe(ref c, 0);
    }
}
