using System.Globalization;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Cli.Training;

/// <summary>Reads a run's settings back from its checkpoint, checking every value.</summary>
internal sealed class ResumeSettings(Checkpoint checkpoint, string path)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Reads the metrics of the finished epochs; none when the checkpoint has none.
    /// </summary>
    public static List<EpochMetrics> Metrics(Checkpoint checkpoint, string path)
    {
        var text = checkpoint.Model.Metadata.TryGetValue("metrics", out var m) ? m : null;
        return text is null ? [] : MetricsCsv.Read(text, path, checkpoint.Epoch - 1);
    }

    public TrainSettings Read(string folder, int? epochs, int threads, bool quiet)
    {
        // The metrics are read again when training resumes; checked here, before the data.
        Metrics(checkpoint, path);
        var done = checkpoint.Epoch - 1;
        var total = epochs ?? Integer("epochs", 1, int.MaxValue);
        if (total < done)
        {
            throw new UsageException(
                $"--epochs {total} is fewer than the {done} epochs this run has already done");
        }

        var options = new TrainingOptions(
            total,
            Integer("batch_size", 1, int.MaxValue),
            Real("learning_rate", double.Epsilon, double.MaxValue),
            Integer("seed", int.MinValue, int.MaxValue),
            (OptimizerKind)Choice("optimizer", OptionNames.Optimizers),
            Real("momentum", 0, Math.BitDecrement(1.0)),
            (LearningRateSchedule)Choice("schedule", OptionNames.Schedules),
            ClipNorm: Optional("clip_norm") is null ? 0 : Real("clip_norm", 0, double.MaxValue));
        var augment = Optional("augment") is null ? 0 : Integer("augment", 0, 8);
        return new TrainSettings(
            DataPreparation.ResolveStoredData(Text("data"), folder, path),
            Text("model"),
            options, Text("standardize") == "true", augment,
            threads, folder, quiet);
    }

    private string? Optional(string key) =>
        checkpoint.Model.Metadata.TryGetValue(key, out var value) ? value : null;

    private string Text(string key) =>
        Optional(key) ?? throw new InvalidDataException($"{path}: checkpoint lacks '{key}'");

    private int Integer(string key, int min, int max)
    {
        var text = Text(key);
        return int.TryParse(text, NumberStyles.Integer, Invariant, out var value)
            && value >= min && value <= max
                ? value
                : throw Bad(key, text);
    }

    private double Real(string key, double min, double max)
    {
        var text = Text(key);
        return double.TryParse(text, NumberStyles.Float, Invariant, out var value)
            && value >= min && value <= max
                ? value
                : throw Bad(key, text);
    }

    private int Choice(string key, string[] names)
    {
        var text = Text(key);
        var index = Array.IndexOf(names, text);
        return index >= 0 ? index : throw Bad(key, text);
    }

    private InvalidDataException Bad(string key, string text) =>
        new($"{path}: checkpoint metadata '{key}' has an invalid value '{text}'");
}
