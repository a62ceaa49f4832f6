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

    public static List<EpochMetrics> Read(string text, string source)
    {
        var rows = new List<EpochMetrics>();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            if (f.Length != 7 || !int.TryParse(f[0], CultureInfo.InvariantCulture, out var epoch))
            {
                throw new InvalidDataException($"{source}: bad metrics line {i + 1}");
            }

            rows.Add(new EpochMetrics(
                epoch, Number(f[1], source), Number(f[2], source), Number(f[3], source),
                Number(f[4], source), Number(f[5], source), Number(f[6], source)));
        }

        return rows;
    }

    private static double Number(string text, string source) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{source}: bad number '{text}' in the metrics");
}
