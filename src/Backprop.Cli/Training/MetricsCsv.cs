using System.Globalization;
using System.Text;
using Backprop.Training;

namespace Backprop.Cli.Training;

/// <summary>The per-epoch metrics as CSV, and back.</summary>
internal static class MetricsCsv
{
    public const string Header =
        "epoch,train_loss,train_accuracy,test_loss,test_accuracy,learning_rate,seconds";

    public static string Write(IReadOnlyList<EpochMetrics> rows)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var m in rows)
        {
            var invariant = CultureInfo.InvariantCulture;
            text.Append(invariant, $"{m.Epoch},{m.TrainLoss:R},{m.TrainAccuracy:R},")
                .Append(invariant, $"{m.TestLoss:R},{m.TestAccuracy:R},")
                .Append(invariant, $"{m.LearningRate:R},{m.Seconds:R}\n");
        }

        return text.ToString();
    }

    /// <summary>Reads the metrics a checkpoint carries, checking every row.</summary>
    /// <param name="text">The CSV text: the header, then one row per finished epoch.</param>
    /// <param name="source">The checkpoint's path, for messages.</param>
    /// <param name="epochs">The number of finished epochs the checkpoint records.</param>
    /// <returns>One row per epoch, epochs 1, 2, … in order.</returns>
    /// <exception cref="InvalidDataException">The header differs, a row is not epoch n with
    /// finite values in range, or the rows do not match the finished epochs.</exception>
    public static List<EpochMetrics> Read(string text, string source, int epochs)
    {
        var rows = new List<EpochMetrics>();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new InvalidDataException($"{source}: the metrics do not start with '{Header}'");
        }

        if (lines.Length - 1 != epochs)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{source}: the metrics hold {lines.Length - 1} epochs; the checkpoint has "
                + $"finished {epochs}"));
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            var where = string.Create(
                CultureInfo.InvariantCulture, $"{source}: metrics line {i + 1}");
            if (f.Length != 7
                || !int.TryParse(
                    f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
                || epoch != i)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{where}: expected epoch {i} and 6 numbers, found '{Clip(lines[i])}'"));
            }

            rows.Add(new EpochMetrics(
                epoch,
                Number(f[1], where, 1e300),
                Number(f[2], where, 1),
                Number(f[3], where, 1e300),
                Number(f[4], where, 1),
                Number(f[5], where, 1e300),
                Number(f[6], where, 1e300)));
        }

        return rows;
    }

    private static double Number(string text, string where, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value >= 0 && value <= max
            ? value
            : throw new InvalidDataException(
                $"{where}: '{Clip(text)}' is not "
                + (max == 1 ? "a number from 0 to 1" : "a finite number ≥ 0"));

    private static string Clip(string text) =>
        text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
