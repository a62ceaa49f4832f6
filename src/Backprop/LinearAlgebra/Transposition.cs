using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Backprop.LinearAlgebra;

/// <summary>Transposes row-major matrices: destination(j, i) = source(i, j).</summary>
/// <remarks>Float matrices go in 8 × 8 blocks through AVX registers where the processor has
/// them; the rest, and other types, entry by entry. Only copies: the values are unchanged.
/// </remarks>
internal static class Transposition
{
    private const int Block = 8;

    /// <summary>Writes the transpose of a rows × columns matrix as columns × rows.</summary>
    /// <param name="source">The matrix, row-major, at least rows × columns entries.</param>
    /// <param name="rows">Its number of rows.</param>
    /// <param name="columns">Its number of columns.</param>
    /// <param name="destination">The transpose, row-major columns × rows.</param>
    public static void Transpose<T>(
        ReadOnlySpan<T> source,
        int rows,
        int columns,
        Span<T> destination)
        where T : unmanaged =>
        Transpose(source, columns, rows, columns, destination, rows);

    /// <summary>Writes the transpose of a block of a matrix into a block of another.</summary>
    /// <param name="source">The block's first entry; row i starts sourceStride entries after
    /// row i − 1.</param>
    /// <param name="sourceStride">Entries from one row of the source to the next.</param>
    /// <param name="rows">The block's number of rows.</param>
    /// <param name="columns">The block's number of columns.</param>
    /// <param name="destination">Where entry (i, j) goes to (j, i); row j starts
    /// destinationStride entries after row j − 1.</param>
    /// <param name="destinationStride">Entries from one row of the destination to the next.
    /// </param>
    public static void Transpose<T>(
        ReadOnlySpan<T> source,
        int sourceStride,
        int rows,
        int columns,
        Span<T> destination,
        int destinationStride)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceStride, columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(destinationStride, rows);
        if (rows == 0 || columns == 0)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(
            source.Length, ((long)(rows - 1) * sourceStride) + columns, nameof(source));
        ArgumentOutOfRangeException.ThrowIfLessThan(
            destination.Length,
            ((long)(columns - 1) * destinationStride) + rows,
            nameof(destination));
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var blockedRows = 0;
        var blockedColumns = 0;
        if (typeof(T) == typeof(float) && Avx.IsSupported)
        {
            blockedRows = rows - (rows % Block);
            blockedColumns = columns - (columns % Block);
            // Destination rows outside: each block of them is written whole (whole cache lines
            // for 16 or more source rows) before the next; the source's reads are cheaper to
            // scatter than the destination's writes.
            for (var j = 0; j < blockedColumns; j += Block)
            {
                for (var i = 0; i < blockedRows; i += Block)
                {
                    Block8x8(
                        ref Unsafe.As<T, float>(
                            ref Unsafe.Add(ref src, ((nint)i * sourceStride) + j)),
                        sourceStride,
                        ref Unsafe.As<T, float>(
                            ref Unsafe.Add(ref dst, ((nint)j * destinationStride) + i)),
                        destinationStride);
                }
            }
        }

        // The right strip beside the blocks, then the bottom strip below them.
        var strides = (sourceStride, destinationStride);
        Plain(ref src, strides, ref dst, (0, blockedRows), (blockedColumns, columns));
        Plain(ref src, strides, ref dst, (blockedRows, rows), (0, columns));
    }

    private static void Plain<T>(
        ref T src,
        (int Source, int Destination) strides,
        ref T dst,
        (int From, int To) rowRange,
        (int From, int To) columnRange)
        where T : unmanaged
    {
        for (var i = rowRange.From; i < rowRange.To; i++)
        {
            for (var j = columnRange.From; j < columnRange.To; j++)
            {
                Unsafe.Add(ref dst, ((nint)j * strides.Destination) + i) =
                    Unsafe.Add(ref src, ((nint)i * strides.Source) + j);
            }
        }
    }

    // Rows r0 … r7 become columns: pairs interleaved, then quadruples, then the 128-bit halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8x8(ref float src, nint lds, ref float dst, nint ldd)
    {
        var r0 = Vector256.LoadUnsafe(ref src);
        var r1 = Vector256.LoadUnsafe(ref src, (nuint)lds);
        var r2 = Vector256.LoadUnsafe(ref src, (nuint)(2 * lds));
        var r3 = Vector256.LoadUnsafe(ref src, (nuint)(3 * lds));
        var r4 = Vector256.LoadUnsafe(ref src, (nuint)(4 * lds));
        var r5 = Vector256.LoadUnsafe(ref src, (nuint)(5 * lds));
        var r6 = Vector256.LoadUnsafe(ref src, (nuint)(6 * lds));
        var r7 = Vector256.LoadUnsafe(ref src, (nuint)(7 * lds));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref dst);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref dst, (nuint)ldd);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref dst, (nuint)(2 * ldd));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref dst, (nuint)(3 * ldd));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref dst, (nuint)(4 * ldd));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref dst, (nuint)(5 * ldd));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref dst, (nuint)(6 * ldd));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref dst, (nuint)(7 * ldd));
    }
}
