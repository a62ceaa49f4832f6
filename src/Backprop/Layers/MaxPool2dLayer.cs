using System.Numerics;

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
        var output = 0;
        for (var c = 0; c < g.Channels; c++)
        {
            var channel = c * g.InputRows * g.InputColumns;
            for (var r = 0; r < g.OutputRows; r++)
            {
                for (var s = 0; s < g.OutputColumns; s++)
                {
                    var top = r * g.Stride.Rows;
                    var left = s * g.Stride.Columns;
                    var best = channel + (top * g.InputColumns) + left;
                    for (var p = 0; p < g.Kernel.Rows; p++)
                    {
                        var rowStart = channel + ((top + p) * g.InputColumns) + left;
                        for (var q = 0; q < g.Kernel.Columns; q++)
                        {
                            // Strictly greater: a tie keeps the earlier, row-major first.
                            if (x[rowStart + q] > x[best])
                            {
                                best = rowStart + q;
                            }
                        }
                    }

                    z[output] = x[best];
                    argmax[output] = best;
                    output++;
                }
            }
        }
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
