using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.LinearAlgebra;

/// <content>
/// The 8 × 2-vector tile with 512-bit vectors, for processors that run them: twice as wide, so
/// each broadcast element of Â feeds twice as many lanes. Every entry is still the chain of
/// fused multiply-adds over p from 0 to k − 1, so this tile and the 256-bit one give the same
/// bits and can share a product (the loops in BroadcastKernels.cs pick the width).
/// </content>
internal static partial class BroadcastKernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Wide8x2<T>(
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
        var w = (nuint)Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default;
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
            var b0 = Vector512.LoadUnsafe(ref b, bp);
            var b1 = Vector512.LoadUnsafe(ref b, bp + w);
            var x = Vector512.Create(Unsafe.Add(ref a0, ap));
            c00 = SimdOps.Fma(x, b0, c00);
            c01 = SimdOps.Fma(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a1, ap));
            c10 = SimdOps.Fma(x, b0, c10);
            c11 = SimdOps.Fma(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a2, ap));
            c20 = SimdOps.Fma(x, b0, c20);
            c21 = SimdOps.Fma(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a3, ap));
            c30 = SimdOps.Fma(x, b0, c30);
            c31 = SimdOps.Fma(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref a4, ap));
            c40 = SimdOps.Fma(x, b0, c40);
            c41 = SimdOps.Fma(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref a5, ap));
            c50 = SimdOps.Fma(x, b0, c50);
            c51 = SimdOps.Fma(x, b1, c51);
            x = Vector512.Create(Unsafe.Add(ref a6, ap));
            c60 = SimdOps.Fma(x, b0, c60);
            c61 = SimdOps.Fma(x, b1, c61);
            x = Vector512.Create(Unsafe.Add(ref a7, ap));
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
    private static void Wide4x2<T>(
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
        var w = (nuint)Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default, c30 = default, c31 = default;
        ref var a1 = ref Unsafe.Add(ref a, rs);
        ref var a2 = ref Unsafe.Add(ref a, 2 * rs);
        ref var a3 = ref Unsafe.Add(ref a, 3 * rs);
        nint ap = 0;
        nuint bp = 0;
        for (var p = 0; p < k; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b, bp);
            var b1 = Vector512.LoadUnsafe(ref b, bp + w);
            var x = Vector512.Create(Unsafe.Add(ref a, ap));
            c00 = SimdOps.Fma(x, b0, c00);
            c01 = SimdOps.Fma(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a1, ap));
            c10 = SimdOps.Fma(x, b0, c10);
            c11 = SimdOps.Fma(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a2, ap));
            c20 = SimdOps.Fma(x, b0, c20);
            c21 = SimdOps.Fma(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a3, ap));
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Wide6x4<T>(
        ref T a,
        nint rs,
        nint cs,
        ref T b,
        nint ldb,
        ref T c,
        nint ldc,
        int k,
        bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = (nuint)Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<T> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<T> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<T> c30 = default, c31 = default, c32 = default, c33 = default;
        Vector512<T> c40 = default, c41 = default, c42 = default, c43 = default;
        Vector512<T> c50 = default, c51 = default, c52 = default, c53 = default;
        if (accumulate)
        {
            // Continuing the chains of an earlier range of p: the stored sums are exact floats.
            var q = (nuint)ldc;
            (c00, c01, c02, c03) = Load4(ref c, 0, w);
            (c10, c11, c12, c13) = Load4(ref c, q, w);
            (c20, c21, c22, c23) = Load4(ref c, 2 * q, w);
            (c30, c31, c32, c33) = Load4(ref c, 3 * q, w);
            (c40, c41, c42, c43) = Load4(ref c, 4 * q, w);
            (c50, c51, c52, c53) = Load4(ref c, 5 * q, w);
        }

        ref var a1 = ref Unsafe.Add(ref a, rs);
        ref var a2 = ref Unsafe.Add(ref a, 2 * rs);
        ref var a3 = ref Unsafe.Add(ref a, 3 * rs);
        ref var a4 = ref Unsafe.Add(ref a, 4 * rs);
        ref var a5 = ref Unsafe.Add(ref a, 5 * rs);
        nint ap = 0;
        nuint bp = 0;
        for (var p = 0; p < k; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b, bp);
            var b1 = Vector512.LoadUnsafe(ref b, bp + w);
            var b2 = Vector512.LoadUnsafe(ref b, bp + (2 * w));
            var b3 = Vector512.LoadUnsafe(ref b, bp + (3 * w));
            var x = Vector512.Create(Unsafe.Add(ref a, ap));
            c00 = SimdOps.Fma(x, b0, c00);
            c01 = SimdOps.Fma(x, b1, c01);
            c02 = SimdOps.Fma(x, b2, c02);
            c03 = SimdOps.Fma(x, b3, c03);
            x = Vector512.Create(Unsafe.Add(ref a1, ap));
            c10 = SimdOps.Fma(x, b0, c10);
            c11 = SimdOps.Fma(x, b1, c11);
            c12 = SimdOps.Fma(x, b2, c12);
            c13 = SimdOps.Fma(x, b3, c13);
            x = Vector512.Create(Unsafe.Add(ref a2, ap));
            c20 = SimdOps.Fma(x, b0, c20);
            c21 = SimdOps.Fma(x, b1, c21);
            c22 = SimdOps.Fma(x, b2, c22);
            c23 = SimdOps.Fma(x, b3, c23);
            x = Vector512.Create(Unsafe.Add(ref a3, ap));
            c30 = SimdOps.Fma(x, b0, c30);
            c31 = SimdOps.Fma(x, b1, c31);
            c32 = SimdOps.Fma(x, b2, c32);
            c33 = SimdOps.Fma(x, b3, c33);
            x = Vector512.Create(Unsafe.Add(ref a4, ap));
            c40 = SimdOps.Fma(x, b0, c40);
            c41 = SimdOps.Fma(x, b1, c41);
            c42 = SimdOps.Fma(x, b2, c42);
            c43 = SimdOps.Fma(x, b3, c43);
            x = Vector512.Create(Unsafe.Add(ref a5, ap));
            c50 = SimdOps.Fma(x, b0, c50);
            c51 = SimdOps.Fma(x, b1, c51);
            c52 = SimdOps.Fma(x, b2, c52);
            c53 = SimdOps.Fma(x, b3, c53);
            ap += cs;
            bp += (nuint)ldb;
        }

        var r = (nuint)ldc;
        Store4(ref c, 0, w, c00, c01, c02, c03);
        Store4(ref c, r, w, c10, c11, c12, c13);
        Store4(ref c, 2 * r, w, c20, c21, c22, c23);
        Store4(ref c, 3 * r, w, c30, c31, c32, c33);
        Store4(ref c, 4 * r, w, c40, c41, c42, c43);
        Store4(ref c, 5 * r, w, c50, c51, c52, c53);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<T>, Vector512<T>, Vector512<T>, Vector512<T>) Load4<T>(
        ref T c, nuint at, nuint w)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (Vector512.LoadUnsafe(ref c, at),
            Vector512.LoadUnsafe(ref c, at + w),
            Vector512.LoadUnsafe(ref c, at + (2 * w)),
            Vector512.LoadUnsafe(ref c, at + (3 * w)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4<T>(
        ref T c,
        nuint at,
        nuint w,
        Vector512<T> v0,
        Vector512<T> v1,
        Vector512<T> v2,
        Vector512<T> v3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        v0.StoreUnsafe(ref c, at);
        v1.StoreUnsafe(ref c, at + w);
        v2.StoreUnsafe(ref c, at + (2 * w));
        v3.StoreUnsafe(ref c, at + (3 * w));
    }
}
