using System.Numerics;
using System.Runtime.CompilerServices;

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
                            var greater = value > bestValue;
                            var mask = -(int)Unsafe.As<bool, byte>(ref greater);
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

    // mask is all ones (pick value) or zero (keep current), without a branch for float and
    // double.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Select<T>(int mask, T value, T current)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            var bits = (Unsafe.As<T, int>(ref value) & mask)
                | (Unsafe.As<T, int>(ref current) & ~mask);
            return Unsafe.As<int, T>(ref bits);
        }

        if (typeof(T) == typeof(double))
        {
            long wide = mask;
            var bits = (Unsafe.As<T, long>(ref value) & wide)
                | (Unsafe.As<T, long>(ref current) & ~wide);
            return Unsafe.As<long, T>(ref bits);
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
