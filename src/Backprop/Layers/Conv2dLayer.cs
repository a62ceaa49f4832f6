using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Layers;

/// <summary>
/// Kernels of a 2-D convolution (cross-correlation) for one sample: the direct forward pass,
/// the im2col lowering that turns it into a matrix product, and its transpose col2im.
/// </summary>
/// <remarks>
/// z[f, r, s] = Σ_c Σ_p Σ_q K[f, c, p, q] · X[c, r·sh + p − ph, s·sw + q − pw] + b[f], the
/// paper's X * K of section 3.5 with channels, stride and zero padding. With the patch matrix
/// P = im2col(X), (C·kh·kw) × (oh·ow), the forward pass is Z = K P (K as filters × C·kh·kw),
/// the backward pass dK = dZ Pᵀ, db = Σ_(r,s) dZ and dX = col2im(Kᵀ dZ).
/// </remarks>
public static class Conv2dLayer
{
    /// <summary>Computes z = X * K + b directly, summing in the order c, p, q.</summary>
    /// <remarks>
    /// The sum runs over input positions in increasing row-major order, the same order as the
    /// product Teop(K) Vec(X) taken column by column, so the two agree exactly.
    /// </remarks>
    /// <param name="x">The input X, [C, H, W] row-major.</param>
    /// <param name="K">The kernels, [F, C, kh, kw] row-major.</param>
    /// <param name="b">The biases, one per filter.</param>
    /// <param name="g">The geometry.</param>
    /// <param name="z">The destination, [F, oh, ow] row-major.</param>
    public static void Forward(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> K,
        ReadOnlySpan<double> b,
        in ConvolutionGeometry g,
        Span<double> z)
    {
        var (kh, kw) = (g.Kernel.Rows, g.Kernel.Columns);
        for (var f = 0; f < b.Length; f++)
        {
            for (var r = 0; r < g.OutputRows; r++)
            {
                for (var s = 0; s < g.OutputColumns; s++)
                {
                    var sum = 0.0;
                    for (var c = 0; c < g.Channels; c++)
                    {
                        for (var p = 0; p < kh; p++)
                        {
                            var row = (r * g.Stride.Rows) + p - g.Padding.Rows;
                            if (row < 0 || row >= g.InputRows)
                            {
                                continue;
                            }

                            for (var q = 0; q < kw; q++)
                            {
                                var column = (s * g.Stride.Columns) + q - g.Padding.Columns;
                                if (column >= 0 && column < g.InputColumns)
                                {
                                    var k = K[(((((f * g.Channels) + c) * kh) + p) * kw) + q];
                                    sum += k * x[(((c * g.InputRows) + row) * g.InputColumns)
                                        + column];
                                }
                            }
                        }
                    }

                    z[(((f * g.OutputRows) + r) * g.OutputColumns) + s] = sum + b[f];
                }
            }
        }
    }

    /// <summary>Writes the patch matrix P = im2col(X), (C·kh·kw) × (oh·ow), row-major.</summary>
    /// <remarks>
    /// Row (c, p, q), column (r, s) holds X[c, r·sh + p − ph, s·sw + q − pw], or 0 where
    /// that position lies in the padding.
    /// </remarks>
    /// <param name="x">The input X, [C, H, W] row-major.</param>
    /// <param name="g">The geometry.</param>
    /// <param name="columns">The destination, PatchSize × OutputArea.</param>
    /// <typeparam name="T">float or double.</typeparam>
    public static void Im2col<T>(ReadOnlySpan<T> x, in ConvolutionGeometry g, Span<T> columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (oh, ow, area) = (g.OutputRows, g.OutputColumns, g.OutputArea);
        var (h, w, channels) = (g.InputRows, g.InputColumns, g.Channels);
        var (kh, kw) = (g.Kernel.Rows, g.Kernel.Columns);
        var (sh, sw, ph, pw) = (g.Stride.Rows, g.Stride.Columns, g.Padding.Rows, g.Padding.Columns);
        CheckLengths(x.Length, columns.Length, g);

        // The rows of P are short runs (ow entries), so the loops index through references
        // instead of slicing spans; the lengths were checked above.
        ref var source = ref MemoryMarshal.GetReference(x);
        ref var target = ref MemoryMarshal.GetReference(columns);
        if (sw == 1 && sh == 1 && Vector256<T>.IsSupported && Vector256.IsHardwareAccelerated)
        {
            Im2colUnitStride(ref source, g, ref target);
            return;
        }

        var row = 0;
        for (var c = 0; c < channels; c++)
        {
            for (var p = 0; p < kh; p++)
            {
                for (var q = 0; q < kw; q++)
                {
                    var (first, end) = ValidColumns(g, q);
                    var shift = q - pw;
                    ref var block = ref Unsafe.Add(ref target, row * area);
                    row++;
                    for (var r = 0; r < oh; r++)
                    {
                        ref var line = ref Unsafe.Add(ref block, r * ow);
                        var inputRow = (r * sh) + p - ph;
                        if (inputRow < 0 || inputRow >= h)
                        {
                            MemoryMarshal.CreateSpan(ref line, ow).Clear();
                            continue;
                        }

                        ref var input = ref Unsafe.Add(ref source, ((c * h) + inputRow) * w);
                        for (var s = 0; s < first; s++)
                        {
                            Unsafe.Add(ref line, s) = T.Zero;
                        }

                        if (sw == 1)
                        {
                            CopyRun(
                                ref Unsafe.Add(ref input, first + shift),
                                ref Unsafe.Add(ref line, first),
                                end - first);
                        }
                        else
                        {
                            for (var s = first; s < end; s++)
                            {
                                Unsafe.Add(ref line, s) = Unsafe.Add(ref input, (s * sw) + shift);
                            }
                        }

                        for (var s = end; s < ow; s++)
                        {
                            Unsafe.Add(ref line, s) = T.Zero;
                        }
                    }
                }
            }
        }
    }

    // Im2col for stride 1: row (c, p, q) of P copies output rows rFirst … rEnd − 1 from
    // consecutive input rows, each a run of columns [first, end) shifted by q − pw, with the
    // padding's zeros around it; rows outside are all padding.
    private static void Im2colUnitStride<T>(ref T source, in ConvolutionGeometry g, ref T target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (oh, ow, area) = (g.OutputRows, g.OutputColumns, g.OutputArea);
        var (h, w, channels) = (g.InputRows, g.InputColumns, g.Channels);
        var (kh, kw, ph) = (g.Kernel.Rows, g.Kernel.Columns, g.Padding.Rows);
        var block = 0;
        for (var c = 0; c < channels; c++)
        {
            for (var p = 0; p < kh; p++)
            {
                var rFirst = Math.Clamp(ph - p, 0, oh);
                var rEnd = Math.Clamp(h + ph - p, rFirst, oh);
                for (var q = 0; q < kw; q++, block += area)
                {
                    var (first, end) = ValidColumns(g, q);
                    MemoryMarshal.CreateSpan(ref Unsafe.Add(ref target, block), rFirst * ow)
                        .Clear();
                    MemoryMarshal.CreateSpan(
                        ref Unsafe.Add(ref target, block + (rEnd * ow)), (oh - rEnd) * ow).Clear();
                    // Input row r + p − ph, column s + q − pw feeds output row r, column s.
                    var corner = ((((c * h) + p - ph) * w) + q) - g.Padding.Columns;
                    for (var r = rFirst; r < rEnd; r++)
                    {
                        ref var line = ref Unsafe.Add(ref target, block + (r * ow));
                        for (var s = 0; s < first; s++)
                        {
                            Unsafe.Add(ref line, s) = T.Zero;
                        }

                        CopyRun(
                            ref Unsafe.Add(ref source, corner + (r * w) + first),
                            ref Unsafe.Add(ref line, first),
                            end - first);
                        for (var s = end; s < ow; s++)
                        {
                            Unsafe.Add(ref line, s) = T.Zero;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Adds col2im(dP) into dX: the transpose of <see cref="Im2col{T}"/>.</summary>
    /// <remarks>
    /// Every entry of dP is added to the input position it was copied from; entries from the
    /// padding are dropped. Overlapping windows accumulate in a fixed order.
    /// </remarks>
    /// <param name="columns">dP, PatchSize × OutputArea.</param>
    /// <param name="g">The geometry.</param>
    /// <param name="dx">The destination dX, [C, H, W]; added to, not overwritten.</param>
    /// <typeparam name="T">float or double.</typeparam>
    public static void Col2imAdd<T>(ReadOnlySpan<T> columns, in ConvolutionGeometry g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (oh, ow, area) = (g.OutputRows, g.OutputColumns, g.OutputArea);
        var (h, w, channels) = (g.InputRows, g.InputColumns, g.Channels);
        var (kh, kw) = (g.Kernel.Rows, g.Kernel.Columns);
        var (sh, sw, ph, pw) = (g.Stride.Rows, g.Stride.Columns, g.Padding.Rows, g.Padding.Columns);
        CheckLengths(dx.Length, columns.Length, g);
        ref var source = ref MemoryMarshal.GetReference(columns);
        ref var target = ref MemoryMarshal.GetReference(dx);
        var row = 0;
        for (var c = 0; c < channels; c++)
        {
            for (var p = 0; p < kh; p++)
            {
                for (var q = 0; q < kw; q++)
                {
                    var (first, end) = ValidColumns(g, q);
                    var shift = q - pw;
                    ref var block = ref Unsafe.Add(ref source, row * area);
                    row++;
                    for (var r = 0; r < oh; r++)
                    {
                        var inputRow = (r * sh) + p - ph;
                        if (inputRow < 0 || inputRow >= h)
                        {
                            continue;
                        }

                        ref var line = ref Unsafe.Add(ref block, r * ow);
                        ref var output = ref Unsafe.Add(ref target, ((c * h) + inputRow) * w);
                        if (sw == 1)
                        {
                            AddRun(
                                ref Unsafe.Add(ref line, first),
                                ref Unsafe.Add(ref output, first + shift),
                                end - first);
                            continue;
                        }

                        for (var s = first; s < end; s++)
                        {
                            Unsafe.Add(ref output, (s * sw) + shift) += Unsafe.Add(ref line, s);
                        }
                    }
                }
            }
        }
    }

    // Copies a short run with vector loads and stores; the last vector may overlap the one
    // before it, which rewrites the same values.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRun<T>(ref T from, ref T to, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var width = Vector256<T>.Count;
        if (length < width || !Vector256.IsHardwareAccelerated)
        {
            for (var i = 0; i < length; i++)
            {
                Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
            }

            return;
        }

        var tail = (nuint)(length - width);
        for (nuint v = 0; v < tail; v += (nuint)width)
        {
            Vector256.LoadUnsafe(ref from, v).StoreUnsafe(ref to, v);
        }

        Vector256.LoadUnsafe(ref from, tail).StoreUnsafe(ref to, tail);
    }

    // to[i] += from[i] for a short run; each entry gets exactly one addition.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRun<T>(ref T from, ref T to, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var width = Vector<T>.Count;
        var i = 0;
        for (; i <= length - width; i += width)
        {
            var sum = Vector.LoadUnsafe(ref to, (nuint)i) + Vector.LoadUnsafe(ref from, (nuint)i);
            sum.StoreUnsafe(ref to, (nuint)i);
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref to, i) += Unsafe.Add(ref from, i);
        }
    }

    private static void CheckLengths(int imageLength, int columnsLength, in ConvolutionGeometry g)
    {
        var image = g.Channels * g.InputRows * g.InputColumns;
        if (imageLength < image || columnsLength < g.PatchSize * g.OutputArea)
        {
            throw new ArgumentException(
                $"The image needs {image} entries and the patch matrix "
                + $"{g.PatchSize * g.OutputArea}; given {imageLength} and {columnsLength}.");
        }
    }

    // The output columns s whose input column s·stride + q − padding lies inside the image.
    private static (int First, int End) ValidColumns(in ConvolutionGeometry g, int q)
    {
        var offset = q - g.Padding.Columns;
        var stride = g.Stride.Columns;
        var first = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        var last = g.InputColumns - 1 - offset;
        var end = last < 0 ? 0 : Math.Min(g.OutputColumns, (last / stride) + 1);
        return (Math.Min(first, end), end);
    }
}
