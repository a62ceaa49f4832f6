using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Networks;
using Backprop.Training;
using Spectre.Console;

namespace Backprop.Cli.Training;

/// <summary>What <c>backprop train</c> shows: header and progress on stderr, summary on stdout.
/// </summary>
internal sealed class TrainingConsole
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly bool quiet;
    private readonly bool interactive;

    public TrainingConsole(bool quiet)
    {
        this.quiet = quiet;
        interactive = !Console.IsErrorRedirected && !quiet;
    }

    public void Header(
        TrainSettings settings,
        DataSplit split,
        NetworkDescription network,
        InputScaling scaling,
        bool resumed)
    {
        if (quiet)
        {
            return;
        }

        var o = settings.Options;
        var activations = string.Join(", ", network.Layers.Select(l => l switch
        {
            DenseLayerDescription d => Activations.ActivationNames.ToName(d.Activation),
            Conv2dLayerDescription c => $"conv {Activations.ActivationNames.ToName(c.Activation)}",
            _ => l.TypeName,
        }));
        var scaled = scaling == InputScaling.Unit
            ? "pixels scaled to [0, 1]"
            : $"standardised ({scaling})";
        var header = new StringBuilder()
            .Append(Invariant, $"backprop train: {settings.Model} on {split.Name}")
            .Append(resumed ? " (resumed)\n" : "\n")
            .Append(Invariant, $"  data      train {split.Train.Count} and test ")
            .Append(Invariant, $"{split.Test.Count} images ")
            .Append(Invariant, $"of {split.Train.Rows}×{split.Train.Columns}; {scaled}\n")
            .Append(Invariant, $"  network   {network.ShapeText()} ({activations}), ")
            .Append(Invariant, $"{Losses.LossNames.ToName(network.Loss)}, ")
            .Append(Invariant, $"{network.ParameterCount:N0} parameters\n")
            .Append(Invariant, $"  settings  {OptionNames.Optimizer(o.Optimizer)} ")
            .Append(Invariant, $"η={o.LearningRate} ")
            .Append(Invariant, $"({OptionNames.Schedule(o.Schedule)}), batch {o.BatchSize}, ")
            .Append(Invariant, $"{Epochs(o.Epochs)}, seed {o.Seed}, {settings.Threads} threads\n")
            .Append(Invariant, $"  output    {settings.OutputFolder}\n");
        Console.Error.Write(header.ToString());
    }

    public bool WithProgress(int batchCount, Func<IProgress<TrainingProgress>?, bool> epoch)
    {
        if (!interactive)
        {
            return epoch(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
        });
        var result = false;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("epoch", maxValue: batchCount);
                var progress = new SynchronousProgress(report =>
                {
                    task.Value = report.Batch;
                    task.Description = string.Create(
                        Invariant, $"epoch {report.Epoch}  loss {report.RunningLoss:F4}");
                });
                result = epoch(progress);
            });
        return result;
    }

    public void EpochDone(EpochMetrics m, int trainCount, int epochs)
    {
        if (quiet)
        {
            return;
        }

        Console.Error.WriteLine(string.Create(
            Invariant,
            $"epoch {m.Epoch,3}/{epochs}  loss {m.TrainLoss:F4}  train {m.TrainAccuracy:F4}  "
            + $"test {m.TestAccuracy:F4}  {m.Seconds:F2} s  "
            + $"{m.SamplesPerSecond(trainCount):F0} samples/s"));
    }

    public static void Interrupted(EpochState state, string checkpoint, string folder)
    {
        Console.Error.WriteLine(
            $"interrupted in epoch {state.Epoch} after batch {state.NextBatch}; checkpoint "
            + $"written to {checkpoint}");
        Console.Error.WriteLine($"hint: continue with: backprop train --resume {folder}");
    }

    public static void Summary(
        IReadOnlyList<EpochMetrics> history,
        int trainCount,
        string modelPath)
    {
        var text = new StringBuilder();
        text.Append(Invariant, $"{"epoch",5}  {"train loss",10}  {"train acc",9}  ")
            .Append(Invariant, $"{"test loss",9}  ")
            .Append(Invariant, $"{"test acc",8}  {"seconds",8}  {"samples/s",9}\n");
        foreach (var m in history)
        {
            text.Append(Invariant, $"{m.Epoch,5}  {m.TrainLoss,10:F4}  {m.TrainAccuracy,9:F4}  ")
                .Append(Invariant, $"{m.TestLoss,9:F4}  {m.TestAccuracy,8:F4}  {m.Seconds,8:F2}  ")
                .Append(Invariant, $"{m.SamplesPerSecond(trainCount),9:F0}\n");
        }

        var last = history[^1];
        text.Append(Invariant, $"test accuracy {last.TestAccuracy:F4} ")
            .Append(Invariant, $"({last.TestAccuracy * 100:F2} %) ")
            .Append(Invariant, $"after {Epochs(last.Epoch)}; model saved to {modelPath}\n");
        Console.Out.Write(text.ToString());
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report)
        : IProgress<TrainingProgress>
    {
        private long lastTicks;

        public void Report(TrainingProgress value)
        {
            // Redraw at most ten times a second, and always on the last batch.
            var now = Environment.TickCount64;
            if (now - lastTicks >= 100 || value.Batch == value.BatchCount)
            {
                lastTicks = now;
                report(value);
            }
        }
    }

    private static string Epochs(int count) =>
        count == 1 ? "1 epoch" : string.Create(Invariant, $"{count} epochs");
}
