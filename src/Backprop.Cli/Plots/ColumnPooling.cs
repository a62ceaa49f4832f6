using Backprop.LinearAlgebra;

namespace Backprop.Cli.Plots;

/// <summary>Shrinks a run of matrix columns to fewer display cells, keeping the extremes.</summary>
/// <remarks>
/// Display cell d of a run of c columns pools columns [⌊d c / m⌋, ⌊(d + 1) c / m⌋) for m
/// cells, and shows the entry of largest magnitude with its sign. A cell is exactly 0 only
/// when every pooled entry is 0, so zero blocks (units a ReLU switched off) survive pooling
/// while isolated large entries are never averaged away. Ties in magnitude keep the first
/// entry in column order.
/// </remarks>
internal static class ColumnPooling
{
    /// <summary>Pools columns [start, start + count) of J into display cells.</summary>
    /// <param name="J">The matrix, rows × columns.</param>
    /// <param name="start">The first column of the run.</param>
    /// <param name="count">The number of columns in the run.</param>
    /// <param name="cells">The number of display cells, 1 to <paramref name="count"/>.</param>
    /// <returns>A rows × cells array of signed max-magnitude entries.</returns>
    public static double[,] Pool(Matrix J, int start, int count, int cells)
    {
        System.Diagnostics.Debug.Assert(
            cells >= 1 && cells <= count, "HeatmapLayout clamps the cell count to the run.");

        var pooled = new double[J.Rows, cells];
        for (var i = 0; i < J.Rows; i++)
        {
            var row = J.Data.AsSpan((int)((long)i * J.Columns) + start, count);
            for (var d = 0; d < cells; d++)
            {
                var first = (int)((long)d * count / cells);
                var end = (int)((long)(d + 1) * count / cells);
                pooled[i, d] = SignedMaxMagnitude(row[first..end]);
            }
        }

        return pooled;
    }

    private static double SignedMaxMagnitude(ReadOnlySpan<double> values)
    {
        var best = 0.0;
        foreach (var v in values)
        {
            if (Math.Abs(v) > Math.Abs(best))
            {
                best = v;
            }
        }

        return best;
    }
}
