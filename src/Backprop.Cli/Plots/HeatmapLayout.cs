namespace Backprop.Cli.Plots;

/// <summary>Places the layer blocks of a Jacobian side by side on the display axis.</summary>
/// <remarks>
/// Each run of columns gets a share of the width proportional to its column count, but at
/// least <c>min(8 %, 50 % / runs)</c>, so a small last layer (1,010 of LeNet-300-100's
/// 266,610 parameters) stays wide enough to show its Kronecker pattern. The display axis is
/// therefore piecewise linear in θ index; the plot labels each run's boundaries with the
/// true θ index.
/// </remarks>
internal static class HeatmapLayout
{
    private const double MinimumShare = 0.08;

    /// <summary>Splits the columns into runs, one per block plus one per unnamed gap.</summary>
    /// <param name="blocks">Labelled column ranges; they must not overlap.</param>
    /// <param name="columns">The column count P of J.</param>
    /// <param name="maxDisplayColumns">The most cells drawn across the whole width.</param>
    /// <returns>The runs in column order, covering [0, P) and [0, 1] without gaps.</returns>
    /// <exception cref="ArgumentException">A block is empty, out of range or overlaps.</exception>
    public static IReadOnlyList<HeatmapSegment> Build(
        IReadOnlyList<(string Label, int StartColumn, int ColumnCount)> blocks,
        int columns,
        int maxDisplayColumns)
    {
        var runs = CoverColumns(blocks, columns);
        var shares = Shares(runs, columns);
        var segments = new List<HeatmapSegment>(runs.Count);
        var left = 0.0;
        for (var s = 0; s < runs.Count; s++)
        {
            var (label, start, count) = runs[s];
            var right = s == runs.Count - 1 ? 1.0 : left + shares[s];
            var cells = (int)Math.Clamp(Math.Round(shares[s] * maxDisplayColumns), 1, count);
            segments.Add(new HeatmapSegment(label, start, count, left, right, cells));
            left = right;
        }

        return segments;
    }

    private static List<(string? Label, int Start, int Count)> CoverColumns(
        IReadOnlyList<(string Label, int StartColumn, int ColumnCount)> blocks,
        int columns)
    {
        var sorted = new List<(string Label, int StartColumn, int ColumnCount)>(blocks);
        sorted.Sort((a, b) => a.StartColumn.CompareTo(b.StartColumn));
        var runs = new List<(string? Label, int Start, int Count)>();
        var next = 0;
        foreach (var (label, start, count) in sorted)
        {
            var problem = BlockProblem(label, start, count, columns, next);
            if (problem is not null)
            {
                throw new ArgumentException(problem, nameof(blocks));
            }

            if (start > next)
            {
                runs.Add((null, next, start - next));
            }

            runs.Add((label, start, count));
            next = start + count;
        }

        if (next < columns)
        {
            runs.Add((null, next, columns - next));
        }

        return runs;
    }

    private static string? BlockProblem(
        string label, int start, int count, int columns, int next)
    {
        if (label is null || count <= 0 || start < 0 || (long)start + count > columns)
        {
            return $"Block '{label}' covers columns [{start}, {(long)start + count}); a block "
                + $"needs a label and 1 or more columns within [0, {columns}).";
        }

        return start < next
            ? $"Block '{label}' starts at column {start}, inside the previous block, "
                + $"which ends at {next}; blocks must not overlap."
            : null;
    }

    private static double[] Shares(List<(string? Label, int Start, int Count)> runs, int columns)
    {
        var minimum = Math.Min(MinimumShare, 0.5 / runs.Count);
        var shares = new double[runs.Count];
        var total = 0.0;
        for (var s = 0; s < runs.Count; s++)
        {
            shares[s] = Math.Max((double)runs[s].Count / columns, minimum);
            total += shares[s];
        }

        for (var s = 0; s < runs.Count; s++)
        {
            shares[s] /= total;
        }

        return shares;
    }
}
