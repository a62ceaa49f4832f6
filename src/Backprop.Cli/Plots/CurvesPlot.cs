using ScottPlot;

namespace Backprop.Cli.Plots;

/// <summary>Draws learning curves: training loss, and train and test accuracy, per epoch.</summary>
public static class CurvesPlot
{
    private const int Width = 1000;
    private const int Height = 800;

    // Fixed margins (left, right, bottom, top) with equal sides, so that the two panels'
    // data areas line up above each other; the title sits above the loss panel and the
    // x-axis label below the accuracy panel.
    private static readonly PixelPadding LossMargins = new(90, 40, 40, 50);
    private static readonly PixelPadding AccuracyMargins = new(90, 40, 60, 25);

    /// <summary>Saves the learning curves as a PNG: a loss panel over an accuracy panel.</summary>
    /// <param name="points">One point per epoch, in any order; accuracies are fractions.</param>
    /// <param name="path">The PNG file to write; its folder must exist.</param>
    /// <param name="title">The title drawn above the curves.</param>
    /// <remarks>
    /// Accuracies are drawn in percent. Non-finite values (a NaN test accuracy when there is
    /// no test set) are left out of their curve; a curve with no finite value is not drawn.
    /// The file is replaced atomically.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException">
    /// No font is installed, so no text could be drawn (on Debian: fonts-dejavu-core).
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="points"/> is empty, or the path is not a file in an existing folder.
    /// </exception>
    public static void Save(IReadOnlyList<EpochPoint> points, string path, string title)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(title);
        var fullPath = AtomicFile.CheckDestination(path, nameof(path));
        if (points.Count == 0)
        {
            throw new ArgumentException(
                "There are no epochs to plot; train for at least one epoch.", nameof(points));
        }

        var sorted = new List<EpochPoint>(points);
        sorted.Sort((a, b) => a.Epoch.CompareTo(b.Epoch));

        PlotFonts.UseInstalledSans();

        // A new multiplot holds one plot; the accuracy panel goes below it.
        var multiplot = new Multiplot();
        var loss = multiplot.GetPlot(0);
        var accuracy = multiplot.AddPlot();
        DrawLoss(loss, sorted, title);
        DrawAccuracy(accuracy, sorted);
        multiplot.SharedAxes.ShareX([loss, accuracy]);

        using var image = multiplot.Render(Width, Height);
        AtomicFile.WriteAllBytes(fullPath, image.GetImageBytes(ImageFormat.Png, 100));
    }

    private static void DrawLoss(Plot plot, List<EpochPoint> points, string title)
    {
        plot.Title(title);
        plot.YLabel("training loss");
        var losses = AddCurve(plot, points, p => p.TrainLoss, "train loss", Colors.C3);
        plot.Legend.Alignment = Alignment.UpperRight;
        FormatEpochAxis(plot, points, LossMargins);

        // A loss is never negative, so the axis starts at 0.
        if (losses.Count > 0)
        {
            var top = losses.Max();
            plot.Axes.SetLimitsY(0, top > 0 ? 1.1 * top : 1.0);
        }
    }

    private static void DrawAccuracy(Plot plot, List<EpochPoint> points)
    {
        plot.XLabel("epoch");
        plot.YLabel("accuracy (%)");
        var accuracies = AddCurve(
            plot, points, p => 100 * p.TrainAccuracy, "train accuracy", Colors.C0);
        accuracies.AddRange(AddCurve(
            plot, points, p => 100 * p.TestAccuracy, "test accuracy", Colors.C1));
        plot.Legend.Alignment = Alignment.LowerRight;
        FormatEpochAxis(plot, points, AccuracyMargins);

        // Pad the data range, by at least half a point, staying near [0 %, 100 %].
        if (accuracies.Count > 0)
        {
            var (bottom, top) = (accuracies.Min(), accuracies.Max());
            var pad = Math.Max(0.1 * (top - bottom), 0.5);
            plot.Axes.SetLimitsY(Math.Max(bottom - pad, 0), Math.Min(top + pad, 102));
        }
    }

    // Returns the finite values drawn; non-finite ones are left out of the curve.
    private static List<double> AddCurve(
        Plot plot,
        List<EpochPoint> points,
        Func<EpochPoint, double> value,
        string label,
        Color color)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var point in points)
        {
            var y = value(point);
            if (double.IsFinite(y))
            {
                xs.Add(point.Epoch);
                ys.Add(y);
            }
        }

        if (ys.Count > 0)
        {
            var curve = plot.Add.ScatterLine(xs, ys, color);
            curve.LegendText = label;
            curve.LineWidth = 2;
            curve.MarkerSize = 7;
            plot.ShowLegend();
        }

        return ys;
    }

    private static void FormatEpochAxis(
        Plot plot, List<EpochPoint> points, PixelPadding margins)
    {
        plot.Axes.SetLimitsX(points[0].Epoch - 0.5, points[^1].Epoch + 0.5);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
        };
        plot.Layout.Fixed(margins);
    }
}
