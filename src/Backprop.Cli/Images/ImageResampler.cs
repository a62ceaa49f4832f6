namespace Backprop.Cli.Images;

/// <summary>Resizes grey-scale images: area averaging to shrink, bilinear to enlarge.</summary>
/// <remarks>
/// The resize is separable: rows first, then columns. Shrinking, each target pixel is the
/// mean of the source area it covers, partly covered source pixels weighted by the part
/// covered (a box filter, which avoids the aliasing of point sampling). Enlarging, each
/// target pixel centre maps to source coordinates (t + ½) · source / target − ½ and is
/// interpolated linearly between its two neighbours, clamped at the edges.
/// </remarks>
internal static class ImageResampler
{
    /// <summary>Resizes an image to rows × columns pixels.</summary>
    /// <param name="image">The source image.</param>
    /// <param name="rows">The target height.</param>
    /// <param name="columns">The target width.</param>
    /// <returns>The resized pixels, row-major; a copy when the size is unchanged.</returns>
    public static byte[] Resize(GrayImage image, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);

        // Rows: each source row becomes `columns` values.
        var horizontal = new double[image.Height * columns];
        var across = Weights(image.Width, columns);
        for (var r = 0; r < image.Height; r++)
        {
            var source = image.Pixels.AsSpan(r * image.Width, image.Width);
            for (var s = 0; s < columns; s++)
            {
                var (start, W) = across[s];
                var sum = 0.0;
                for (var k = 0; k < W.Length; k++)
                {
                    sum += W[k] * source[start + k];
                }

                horizontal[(r * columns) + s] = sum;
            }
        }

        // Columns: each column of that result becomes `rows` values.
        var result = new byte[rows * columns];
        var down = Weights(image.Height, rows);
        for (var s = 0; s < columns; s++)
        {
            for (var r = 0; r < rows; r++)
            {
                var (start, W) = down[r];
                var sum = 0.0;
                for (var k = 0; k < W.Length; k++)
                {
                    sum += W[k] * horizontal[((start + k) * columns) + s];
                }

                result[(r * columns) + s] = (byte)Math.Clamp(Math.Round(sum), 0, 255);
            }
        }

        return result;
    }

    /// <summary>For each target index, the first source index and the weights from there.
    /// </summary>
    private static (int Start, double[] W)[] Weights(int source, int target)
    {
        var weights = new (int Start, double[] W)[target];
        var scale = (double)source / target;
        for (var t = 0; t < target; t++)
        {
            weights[t] = target <= source ? Box(t, scale, source) : Linear(t, scale, source);
        }

        return weights;
    }

    private static (int Start, double[] W) Box(int t, double scale, int source)
    {
        // Target pixel t covers [t · scale, (t + 1) · scale) of the source axis.
        var from = t * scale;
        var to = Math.Min(source, (t + 1) * scale);
        var first = (int)Math.Floor(from);
        var last = Math.Min(source - 1, (int)Math.Ceiling(to) - 1);
        var W = new double[last - first + 1];
        for (var i = first; i <= last; i++)
        {
            var overlap = Math.Min(to, i + 1) - Math.Max(from, i);
            W[i - first] = Math.Max(0, overlap) / (to - from);
        }

        return (first, W);
    }

    private static (int Start, double[] W) Linear(int t, double scale, int source)
    {
        var x = Math.Clamp(((t + 0.5) * scale) - 0.5, 0, source - 1);
        var first = (int)Math.Floor(x);
        if (first >= source - 1)
        {
            return (source - 1, [1.0]);
        }

        var f = x - first;
        return (first, [1 - f, f]);
    }
}
