using System.Globalization;
using ScottPlot;

namespace Backprop.Cli.Plots;

/// <summary>Adds the cells, colour bar and block outlines of a Jacobian heat map.</summary>
internal static class HeatmapDrawing
{
    private static readonly Color ZeroColor = Color.FromHex("#BDBDBD");

    /// <summary>Draws each run's cells as a heat map on a shared, 0-centred colour scale.</summary>
    /// <param name="plot">The plot to draw on.</param>
    /// <param name="segments">The runs and their places on the display axis.</param>
    /// <param name="grids">Each run's pooled cells, rows × display cells; zeros become NaN.</param>
    /// <param name="limit">The colour scale spans [−limit, limit].</param>
    public static void AddCells(
        Plot plot,
        IReadOnlyList<HeatmapSegment> segments,
        IReadOnlyList<double[,]> grids,
        double limit)
    {
        ScottPlot.Plottables.Heatmap? first = null;
        for (var s = 0; s < segments.Count; s++)
        {
            var rows = grids[s].GetLength(0);
            ColorScale.MarkZeros(grids[s]);
            var heatmap = plot.Add.Heatmap(grids[s]);
            heatmap.Rectangle = new CoordinateRect(
                segments[s].Left, segments[s].Right, 0, rows);
            heatmap.Colormap = new ScottPlot.Colormaps.Balance();
            heatmap.ManualRange = new ScottPlot.Range(-limit, limit);
            heatmap.NaNCellColor = ZeroColor;
            first ??= heatmap;
        }

        var bar = plot.Add.ColorBar(first!);
        bar.Label = string.Create(
            CultureInfo.InvariantCulture,
            $"∂z/∂θ  (clipped at ±{limit:G3}; grey = exactly 0)");
    }

    /// <summary>Outlines each labelled run and writes its label above the map.</summary>
    /// <param name="plot">The plot to draw on.</param>
    /// <param name="segments">The runs; unlabelled ones are left plain.</param>
    /// <param name="rows">The row count n_L, the height of the map.</param>
    public static void AddBlockOutlines(
        Plot plot, IReadOnlyList<HeatmapSegment> segments, int rows)
    {
        var centres = new List<double>();
        var labels = new List<string>();
        foreach (var segment in segments)
        {
            if (segment.Label is null)
            {
                continue;
            }

            var outline = plot.Add.Rectangle(segment.Left, segment.Right, 0, rows);
            outline.FillColor = Colors.Transparent;
            outline.LineColor = Colors.Black;
            outline.LineWidth = 2;
            centres.Add((segment.Left + segment.Right) / 2);
            labels.Add(segment.Label);
        }

        plot.Axes.Top.SetTicks([.. centres], [.. labels]);
        plot.Axes.Top.TickLabelStyle.Bold = true;
        plot.Axes.Top.TickLabelStyle.FontSize = 14;
        plot.Axes.SetLimitsX(0, 1, plot.Axes.Top);
    }
}
