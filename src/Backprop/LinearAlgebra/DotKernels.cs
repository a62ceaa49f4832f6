using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.LinearAlgebra;

/// <summary>
/// Register-tiled kernels for C = A · Bᵀ with A row-major m × k and B row-major n × k: each
/// entry is the dot product of a row of A and a row of B, both contiguous.
/// </summary>
/// <remarks>
/// A tile holds 4 × 3 vector accumulators, one per entry, each summing lane ℓ of the products
/// at p ≡ ℓ (mod the vector width) in increasing p with fused multiply-adds; then the lanes are
/// summed with <see cref="Vector256.Sum{T}(Vector256{T})"/> and the last k mod width products
/// are added in order. Every kernel here computes an entry that way, so the bits depend only
/// on k, not on the tile, the thread split or where the arrays lie in memory.
/// </remarks>
internal static class DotKernels
{
    /// <summary>Computes the block rows [i0, i1) × columns [j0, j1) of C.</summary>
    public static void Run<T>(
        ref T a,
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
        if (i1 - i0 >= 4 && j1 - j0 >= 3)
        {
            for (var i = i0; i < i1; i += 4)
            {
                var ii = Math.Min(i, i1 - 4);
                for (var j = j0; j < j1; j += 3)
                {
                    var jj = Math.Min(j, j1 - 3);
                    Tile4x3(
                        ref Unsafe.Add(ref a, (nint)ii * k),
                        ref Unsafe.Add(ref b, (nint)jj * k),
                        ref Unsafe.Add(ref c, ((nint)ii * n) + jj),
                        k,
                        n);
                }
            }

            return;
        }

        for (var i = i0; i < i1; i++)
        {
            ref var aRow = ref Unsafe.Add(ref a, (nint)i * k);
            ref var cRow = ref Unsafe.Add(ref c, (nint)i * n);
            if (j1 - j0 >= 4)
            {
                for (var j = j0; j < j1; j += 4)
                {
                    var jj = Math.Min(j, j1 - 4);
                    ref var bRows = ref Unsafe.Add(ref b, (nint)jj * k);
                    Tile1x4(ref aRow, ref bRows, ref Unsafe.Add(ref cRow, jj), k);
                }

                continue;
            }

            for (var j = j0; j < j1; j++)
            {
                Unsafe.Add(ref cRow, j) = Dot(ref aRow, ref Unsafe.Add(ref b, (nint)j * k), k);
            }
        }
    }

    /// <summary>The dot product of two length-k rows, summed in this class's fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Dot<T>(ref T a, ref T b, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = Vector256<T>.Count;
        var s = Vector256<T>.Zero;
        var p = 0;
        for (; p <= k - w; p += w)
        {
            var q = (nuint)p;
            s = SimdOps.Fma(Vector256.LoadUnsafe(ref a, q), Vector256.LoadUnsafe(ref b, q), s);
        }

        return Finish(s, ref a, ref b, p, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Finish<T>(Vector256<T> s, ref T a, ref T b, int p, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sum = Vector256.Sum(s);
        for (; p < k; p++)
        {
            sum = SimdOps.FusedMultiplyAdd(Unsafe.Add(ref a, p), Unsafe.Add(ref b, p), sum);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x3<T>(ref T a, ref T b, ref T c, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = Vector256<T>.Count;
        Vector256<T> s00 = default, s01 = default, s02 = default;
        Vector256<T> s10 = default, s11 = default, s12 = default;
        Vector256<T> s20 = default, s21 = default, s22 = default;
        Vector256<T> s30 = default, s31 = default, s32 = default;
        ref var a0 = ref a;
        ref var a1 = ref Unsafe.Add(ref a, k);
        ref var a2 = ref Unsafe.Add(ref a, 2 * k);
        ref var a3 = ref Unsafe.Add(ref a, 3 * k);
        ref var b0 = ref b;
        ref var b1 = ref Unsafe.Add(ref b, k);
        ref var b2 = ref Unsafe.Add(ref b, 2 * k);
        var p = 0;
        for (; p <= k - w; p += w)
        {
            var q = (nuint)p;
            var y0 = Vector256.LoadUnsafe(ref b0, q);
            var y1 = Vector256.LoadUnsafe(ref b1, q);
            var y2 = Vector256.LoadUnsafe(ref b2, q);
            var x = Vector256.LoadUnsafe(ref a0, q);
            s00 = SimdOps.Fma(x, y0, s00);
            s01 = SimdOps.Fma(x, y1, s01);
            s02 = SimdOps.Fma(x, y2, s02);
            x = Vector256.LoadUnsafe(ref a1, q);
            s10 = SimdOps.Fma(x, y0, s10);
            s11 = SimdOps.Fma(x, y1, s11);
            s12 = SimdOps.Fma(x, y2, s12);
            x = Vector256.LoadUnsafe(ref a2, q);
            s20 = SimdOps.Fma(x, y0, s20);
            s21 = SimdOps.Fma(x, y1, s21);
            s22 = SimdOps.Fma(x, y2, s22);
            x = Vector256.LoadUnsafe(ref a3, q);
            s30 = SimdOps.Fma(x, y0, s30);
            s31 = SimdOps.Fma(x, y1, s31);
            s32 = SimdOps.Fma(x, y2, s32);
        }

        ref var c1 = ref Unsafe.Add(ref c, n);
        ref var c2 = ref Unsafe.Add(ref c, 2 * n);
        ref var c3 = ref Unsafe.Add(ref c, 3 * n);
        c = Finish(s00, ref a0, ref b0, p, k);
        Unsafe.Add(ref c, 1) = Finish(s01, ref a0, ref b1, p, k);
        Unsafe.Add(ref c, 2) = Finish(s02, ref a0, ref b2, p, k);
        c1 = Finish(s10, ref a1, ref b0, p, k);
        Unsafe.Add(ref c1, 1) = Finish(s11, ref a1, ref b1, p, k);
        Unsafe.Add(ref c1, 2) = Finish(s12, ref a1, ref b2, p, k);
        c2 = Finish(s20, ref a2, ref b0, p, k);
        Unsafe.Add(ref c2, 1) = Finish(s21, ref a2, ref b1, p, k);
        Unsafe.Add(ref c2, 2) = Finish(s22, ref a2, ref b2, p, k);
        c3 = Finish(s30, ref a3, ref b0, p, k);
        Unsafe.Add(ref c3, 1) = Finish(s31, ref a3, ref b1, p, k);
        Unsafe.Add(ref c3, 2) = Finish(s32, ref a3, ref b2, p, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x4<T>(ref T a, ref T b, ref T c, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = Vector256<T>.Count;
        Vector256<T> s0 = default, s1 = default, s2 = default, s3 = default;
        ref var b1 = ref Unsafe.Add(ref b, k);
        ref var b2 = ref Unsafe.Add(ref b, 2 * k);
        ref var b3 = ref Unsafe.Add(ref b, 3 * k);
        var p = 0;
        for (; p <= k - w; p += w)
        {
            var q = (nuint)p;
            var x = Vector256.LoadUnsafe(ref a, q);
            s0 = SimdOps.Fma(x, Vector256.LoadUnsafe(ref b, q), s0);
            s1 = SimdOps.Fma(x, Vector256.LoadUnsafe(ref b1, q), s1);
            s2 = SimdOps.Fma(x, Vector256.LoadUnsafe(ref b2, q), s2);
            s3 = SimdOps.Fma(x, Vector256.LoadUnsafe(ref b3, q), s3);
        }

        c = Finish(s0, ref a, ref b, p, k);
        Unsafe.Add(ref c, 1) = Finish(s1, ref a, ref b1, p, k);
        Unsafe.Add(ref c, 2) = Finish(s2, ref a, ref b2, p, k);
        Unsafe.Add(ref c, 3) = Finish(s3, ref a, ref b3, p, k);
    }
}
