namespace Backprop.Cli.Plots;

/// <summary>Chooses the value range of a diverging colour map centred on 0.</summary>
internal static class ColorScale
{
    private const double Quantile = 0.99;

    /// <summary>Returns the limit L so that colours span [−L, L].</summary>
    /// <param name="cells">The display cells of every heat map sharing the colour bar.</param>
    /// <returns>
    /// The 99th percentile of the nonzero magnitudes, or 1 when every cell is 0.
    /// </returns>
    /// <remarks>
    /// A percentile rather than the maximum, so that a few large entries do not wash the
    /// rest out to white; cells beyond ±L take the end colours. The colour bar says so.
    /// </remarks>
    public static double SymmetricLimit(IEnumerable<double[,]> cells)
    {
        var magnitudes = new List<double>();
        foreach (var grid in cells)
        {
            foreach (var v in grid)
            {
                if (v != 0.0)
                {
                    magnitudes.Add(Math.Abs(v));
                }
            }
        }

        if (magnitudes.Count == 0)
        {
            return 1.0;
        }

        magnitudes.Sort();
        var index = (int)Math.Ceiling(Quantile * magnitudes.Count) - 1;
        return magnitudes[Math.Clamp(index, 0, magnitudes.Count - 1)];
    }

    /// <summary>Replaces exact zeros by NaN so the heat map draws them in its NaN colour.</summary>
    /// <param name="grid">The display cells, changed in place.</param>
    public static void MarkZeros(double[,] grid)
    {
        for (var i = 0; i < grid.GetLength(0); i++)
        {
            for (var d = 0; d < grid.GetLength(1); d++)
            {
                if (grid[i, d] == 0.0)
                {
                    grid[i, d] = double.NaN;
                }
            }
        }
    }
}
