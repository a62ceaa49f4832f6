using System.Globalization;
using Backprop.LinearAlgebra;
using ScottPlot;

namespace Backprop.Cli.Plots;

/// <summary>Draws the Jacobian J_θ z^[L] of a network as a heat map image.</summary>
public static class JacobianHeatmap
{
    private const int Width = 1600;
    private const int Height = 500;
    private const int MaxDisplayColumns = 2000;
    private const int MaxRowTicks = 20;

    /// <summary>Saves J as a PNG heat map, each layer's block of θ outlined and labelled.</summary>
    /// <param name="J">
    /// The Jacobian, n_L × P: rows are logits zᵢ^[L], columns are parameters θⱼ in θ order.
    /// </param>
    /// <param name="blocks">
    /// Column ranges to outline, such as ("W1,b1", 0, 235500); they must not overlap and
    /// need not cover every column.
    /// </param>
    /// <param name="path">The PNG file to write; its folder must exist.</param>
    /// <param name="title">The title drawn above the map.</param>
    /// <remarks>
    /// Colours run blue (negative) through white (near 0) to red (positive), symmetric about
    /// 0 and clipped at the 99th percentile of |entry|; entries exactly 0 are grey, so rows
    /// and column blocks that a ReLU switched off stand out. Wide runs of columns are pooled
    /// to at most 2,000 cells, each showing its entry of largest magnitude with its sign, and
    /// small blocks are widened (see the θ indices on the axis). The file is replaced
    /// atomically.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException">
    /// No font is installed, so no text could be drawn (on Debian: fonts-dejavu-core).
    /// </exception>
    /// <exception cref="ArgumentException">
    /// J is empty or holds NaN or ±∞, a block is empty, out of range or overlaps another, or
    /// the path is not a file in an existing folder.
    /// </exception>
    public static void Save(
        Matrix J,
        IReadOnlyList<(string Label, int StartColumn, int ColumnCount)> blocks,
        string path,
        string title)
    {
        ArgumentNullException.ThrowIfNull(J);
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(title);
        var fullPath = AtomicFile.CheckDestination(path, nameof(path));
        CheckEntries(J);

        var segments = HeatmapLayout.Build(blocks, J.Columns, MaxDisplayColumns);
        var grids = new List<double[,]>(segments.Count);
        foreach (var segment in segments)
        {
            grids.Add(ColumnPooling.Pool(
                J, segment.StartColumn, segment.ColumnCount, segment.DisplayColumns));
        }

        PlotFonts.UseInstalledSans();
        using var plot = new Plot();
        HeatmapDrawing.AddCells(plot, segments, grids, ColorScale.SymmetricLimit(grids));
        HeatmapDrawing.AddBlockOutlines(plot, segments, J.Rows);
        LabelAxes(plot, segments, J.Rows, title);
        AtomicFile.WriteAllBytes(fullPath, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    private static void CheckEntries(Matrix J)
    {
        if (J.Rows == 0 || J.Columns == 0)
        {
            throw new ArgumentException(
                $"The Jacobian is {J.Rows} × {J.Columns}; a heat map needs at least one entry.",
                nameof(J));
        }

        var bad = Array.FindIndex(J.Data, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"Jacobian entry ({bad / J.Columns}, {bad % J.Columns}) is {J.Data[bad]}; "
                + "only finite values can be drawn.",
                nameof(J));
        }
    }

    private static void LabelAxes(
        Plot plot, IReadOnlyList<HeatmapSegment> segments, int rows, string title)
    {
        plot.Title(title);
        plot.XLabel("parameter index in θ (columns pooled by max |value|; small blocks widened)");
        plot.YLabel("row i of z^[L]");

        // Bottom: the true θ index at every run boundary, since the display axis is
        // piecewise linear in θ.
        var positions = new List<double>();
        var labels = new List<string>();
        foreach (var segment in segments)
        {
            positions.Add(segment.Left);
            labels.Add(Count(segment.StartColumn));
        }

        positions.Add(1.0);
        labels.Add(Count(segments[^1].StartColumn + segments[^1].ColumnCount));
        plot.Axes.Bottom.SetTicks([.. positions], [.. labels]);

        // Left: output numbers, 1-based as in the paper; row 0 is drawn at the top.
        positions.Clear();
        labels.Clear();
        var step = (rows + MaxRowTicks - 1) / MaxRowTicks;
        for (var i = 0; i < rows; i += step)
        {
            positions.Add(rows - i - 0.5);
            labels.Add(Count(i + 1));
        }

        plot.Axes.Left.SetTicks([.. positions], [.. labels]);
        plot.Axes.SetLimits(0, 1, 0, rows);
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
