using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Layers;

/// <summary>Kernels of 2-D max-pooling for one sample: forward with argmax, and backward.
/// </summary>
/// <remarks>
/// Forward: z[c, r, s] = max over the window of X[c, ·, ·]; the position of the maximum is
/// recorded. Ties go to the first maximum in row-major order (the scan keeps the first value
/// and replaces it only by a strictly larger one). As a matrix, z = S Vec(X) with S a 0/1
/// selection matrix, one 1 per row; backward is dX = Sᵀ dz, which adds each dz to the input
/// it came from (overlapping windows can send several).
/// </remarks>
public static class MaxPool2dLayer
{
    /// <summary>Computes the pooled output and the input index of every maximum.</summary>
    /// <param name="x">The input X, [C, H, W] row-major.</param>
    /// <param name="g">The geometry (window as kernel, no padding).</param>
    /// <param name="z">The destination, [C, oh, ow] row-major.</param>
    /// <param name="argmax">The destination for each output's index into x.</param>
    /// <typeparam name="T">float or double.</typeparam>
    public static void Forward<T>(
        ReadOnlySpan<T> x,
        in ConvolutionGeometry g,
        Span<T> z,
        Span<int> argmax)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (channels, h, w) = (g.Channels, g.InputRows, g.InputColumns);
        var (oh, ow, kh, kw) = (g.OutputRows, g.OutputColumns, g.Kernel.Rows, g.Kernel.Columns);
        var (sh, sw) = (g.Stride.Rows, g.Stride.Columns);
        if (x.Length < channels * h * w || z.Length < channels * oh * ow
            || argmax.Length < channels * oh * ow)
        {
            throw new ArgumentException("x, z or argmax is shorter than the geometry needs.");
        }

        if (typeof(T) == typeof(float) && kh == 2 && kw == 2 && sh == 2 && sw == 2
            && ow >= Vector128<float>.Count && Vector256.IsHardwareAccelerated)
        {
            Forward2x2(
                MemoryMarshal.Cast<T, float>(x), channels, (h, w, oh, ow),
                MemoryMarshal.Cast<T, float>(z), argmax);
            return;
        }

        var output = 0;
        for (var c = 0; c < channels; c++)
        {
            var channel = c * h * w;
            for (var r = 0; r < oh; r++)
            {
                for (var s = 0; s < ow; s++)
                {
                    var top = channel + (r * sh * w) + (s * sw);
                    var best = top;
                    var bestValue = x[top];
                    for (var p = 0; p < kh; p++)
                    {
                        var rowStart = top + (p * w);
                        for (var q = 0; q < kw; q++)
                        {
                            // Strictly greater: a tie keeps the earlier, row-major first. Taken
                            // with a mask, not a branch: where the maximum of a window lies is
                            // not predictable in real images, and mispredictions cost more than
                            // the selects.
                            var value = x[rowStart + q];
                            var mask = value > bestValue ? -1 : 0;
                            best = (best & ~mask) | ((rowStart + q) & mask);
                            bestValue = Select(mask, value, bestValue);
                        }
                    }

                    z[output] = bestValue;
                    argmax[output] = best;
                    output++;
                }
            }
        }
    }

    // The 2 × 2 window with stride 2, four outputs at a time: a row pair's eight inputs are
    // split into the windows' left and right columns, then the four candidates are taken in
    // the scan's order with the same strict comparison (so the same maximum, index and NaN
    // handling as the scalar loop). The last group of a row overlaps the one before it.
    private static void Forward2x2(
        ReadOnlySpan<float> x,
        int channels,
        (int H, int W, int OutputRows, int OutputColumns) size,
        Span<float> z,
        Span<int> argmax)
    {
        var (h, w, oh, ow) = size;
        ref var input = ref MemoryMarshal.GetReference(x);
        ref var output = ref MemoryMarshal.GetReference(z);
        ref var indices = ref MemoryMarshal.GetReference(argmax);
        var lanes = Vector128.Create(0, 2, 4, 6);
        var at = 0;
        for (var c = 0; c < channels; c++)
        {
            for (var r = 0; r < oh; r++)
            {
                var top = (c * h * w) + (2 * r * w);
                for (var s = 0; s < ow; s += Vector128<float>.Count)
                {
                    var first = Math.Min(s, ow - Vector128<float>.Count);
                    var start = top + (2 * first);
                    // Lanes 0–3: the windows' left inputs; lanes 4–7: their right inputs.
                    var upper = Vector256.Shuffle(
                        Vector256.LoadUnsafe(ref input, (nuint)start),
                        Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7));
                    var lower = Vector256.Shuffle(
                        Vector256.LoadUnsafe(ref input, (nuint)(start + w)),
                        Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7));
                    var index = Vector128.Create(start) + lanes;
                    var best = upper.GetLower();
                    var where = index;
                    Take(upper.GetUpper(), index + Vector128<int>.One, ref best, ref where);
                    Take(lower.GetLower(), index + Vector128.Create(w), ref best, ref where);
                    Take(lower.GetUpper(), index + Vector128.Create(w + 1), ref best, ref where);
                    best.StoreUnsafe(ref output, (nuint)(at + first));
                    where.StoreUnsafe(ref indices, (nuint)(at + first));
                }

                at += ow;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take(
        Vector128<float> value,
        Vector128<int> index,
        ref Vector128<float> best,
        ref Vector128<int> where)
    {
        var greater = Vector128.GreaterThan(value, best);
        best = Vector128.ConditionalSelect(greater, value, best);
        where = Vector128.ConditionalSelect(greater.AsInt32(), index, where);
    }

    // mask is all ones (pick value) or zero (keep current), without a branch for float and
    // double.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Select<T>(int mask, T value, T current)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Unsafe.BitCast<int, T>(
                (Unsafe.BitCast<T, int>(value) & mask) | (Unsafe.BitCast<T, int>(current) & ~mask));
        }

        if (typeof(T) == typeof(double))
        {
            long wide = mask;
            return Unsafe.BitCast<long, T>(
                (Unsafe.BitCast<T, long>(value) & wide)
                | (Unsafe.BitCast<T, long>(current) & ~wide));
        }

        return mask != 0 ? value : current;
    }

    /// <summary>Computes dX = Sᵀ dz: each output's gradient goes to its maximum's input.</summary>
    /// <param name="dz">The gradient with respect to the output, [C, oh, ow].</param>
    /// <param name="argmax">The indices recorded by <see cref="Forward{T}"/>.</param>
    /// <param name="dx">The destination dX, [C, H, W]; overwritten.</param>
    /// <typeparam name="T">float or double.</typeparam>
    public static void Backward<T>(ReadOnlySpan<T> dz, ReadOnlySpan<int> argmax, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        dx.Clear();
        for (var i = 0; i < dz.Length; i++)
        {
            dx[argmax[i]] += dz[i];
        }
    }
}
