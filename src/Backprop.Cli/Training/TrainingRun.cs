using System.Globalization;
using Backprop.Cli.Plots;
using Backprop.Data;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Cli.Training;

/// <summary>One <c>backprop train</c> run: data, epochs, checkpoints, outputs, summary.</summary>
internal sealed class TrainingRun
{
    public const string CheckpointFile = "checkpoint.safetensors";
    public const string ModelFileName = "model.safetensors";
    public const string MetricsFile = "metrics.csv";
    public const string CurvesFile = "curves.png";

    private TrainSettings settings;
    private readonly List<EpochMetrics> history = [];

    public TrainingRun(TrainSettings settings)
    {
        this.settings = settings;
    }

    private string Out(string file) => Path.Combine(settings.OutputFolder, file);

    public int Execute(Checkpoint? resume, CancellationToken cancellation)
    {
        Gemm.MaxThreads = settings.Threads;
        var split = DataPreparation.Load(settings.Data);
        var network = resume?.Model.Network
            ?? DataPreparation.ResolveModel(settings.Model, split.Train, settings.Data);
        CheckBatchSize(split.Train.Count);
        CheckAugment(split.Train.Rows, split.Train.Columns);
        CheckOutputFolder();
        if (double.IsNaN(settings.Options.LearningRate))
        {
            var eta = Commands.TrainCommand.DefaultRate(settings.Options.Optimizer, network.Loss);
            settings = settings with { Options = settings.Options with { LearningRate = eta } };
        }

        var scaling = resume?.Model.Scaling
            ?? (settings.Standardize
                ? InputScaling.Standardize(split.Train.Pixels)
                : InputScaling.Unit);
        var train = DataPreparation.Convert(split.Train, scaling);
        var test = DataPreparation.Convert(split.Test, scaling);
        var options = settings.AugmentShift == 0
            ? settings.Options
            : settings.Options with
            {
                Augmentation = new ImageShift(
                    split.Train.Rows,
                    split.Train.Columns,
                    settings.AugmentShift,
                    (float)(-scaling.Mean / scaling.Deviation)),
            };
        var trainer = new Trainer(network, options, train.Count);
        var state = Restore(trainer, resume);
        if (state.NextBatch > trainer.BatchCount(train.Count))
        {
            throw new InvalidDataException(
                $"{Out(CheckpointFile)}: batch {state.NextBatch} is past the end of an epoch "
                + $"({trainer.BatchCount(train.Count)} batches)");
        }

        // The finished batches of an epoch hold batch size × batches samples (or all of them).
        var seen = Math.Min((long)state.NextBatch * trainer.BatchSize, train.Count);
        if (state.Seen != seen)
        {
            throw new InvalidDataException(
                $"{Out(CheckpointFile)}: {state.Seen} samples seen, but {state.NextBatch} "
                + $"finished batches of {trainer.BatchSize} hold {seen}");
        }

        Directory.CreateDirectory(settings.OutputFolder);
        var console = new TrainingConsole(settings.Quiet);
        console.Header(settings, split, network, scaling, resume is not null);

        for (var epoch = state.Epoch; epoch <= settings.Options.Epochs; epoch++)
        {
            state = epoch == state.Epoch ? state : new EpochState(epoch);
            bool finished;
            try
            {
                finished = console.WithProgress(
                    trainer.BatchCount(train.Count),
                    progress => trainer.RunEpoch(train, state, progress, cancellation));
            }
            catch (TrainingDivergedException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                var kept = File.Exists(Out(CheckpointFile))
                    ? $"the last good checkpoint is kept: {Out(CheckpointFile)}"
                    : "no checkpoint had been written yet";
                Console.Error.WriteLine($"hint: {kept}");
                return CommandRunner.DataError;
            }

            if (!finished)
            {
                SaveCheckpoint(trainer, scaling, state);
                TrainingConsole.Interrupted(state, Out(CheckpointFile), settings.OutputFolder);
                return 130;
            }

            var evaluation = Trainer.Evaluate(trainer.Engine, test);
            var metrics = new EpochMetrics(
                epoch, state.MeanLoss, state.Accuracy, evaluation.Loss, evaluation.Accuracy,
                settings.Options.RateAt(epoch - 1), state.Seconds);
            history.Add(metrics);
            console.EpochDone(metrics, train.Count, settings.Options.Epochs);
            var next = new EpochState(epoch + 1);
            SaveCheckpoint(trainer, scaling, next);
        }

        WriteOutputs(trainer, network, scaling, split);
        TrainingConsole.Summary(history, train.Count, Out(ModelFileName));
        return 0;
    }

    private void CheckOutputFolder()
    {
        // Before any training: the folder and every output path must be writable files.
        var folder = settings.OutputFolder;
        if (string.IsNullOrWhiteSpace(folder) || File.Exists(folder))
        {
            throw new UsageException($"--out '{folder}' must be a folder, not a file");
        }

        try
        {
            Directory.CreateDirectory(folder);
            foreach (var file in new[] { CheckpointFile, ModelFileName, MetricsFile, CurvesFile })
            {
                if (Directory.Exists(Out(file)))
                {
                    throw new IOException($"{Out(file)}: is a folder; the run writes a file there");
                }
            }

            var probe = Out($".write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            RemoveStaleTemporaries(folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            var parent = e is DirectoryNotFoundException
                ? FileProblem.Folder(Path.Combine(folder, CheckpointFile))
                : null;
            throw new IOException(parent is null
                ? $"{folder}: cannot write the run's files there: {CommandRunner.Plain(e)}"
                : $"--out {folder}: {parent}", e);
        }
    }

    // A run killed mid-write leaves its temporary file (the target itself stays whole);
    // the next run in the folder removes such leftovers of the files it writes.
    private static void RemoveStaleTemporaries(string folder)
    {
        string[] patterns =
        [
            $".{CheckpointFile}.tmp-*", $".{ModelFileName}.tmp-*", $".{MetricsFile}.tmp-*",
            $".{CurvesFile}.*.tmp",
        ];
        foreach (var pattern in patterns)
        {
            foreach (var path in Directory.EnumerateFiles(folder, pattern).ToList())
            {
                File.Delete(path);
            }
        }
    }

    private void CheckBatchSize(int trainCount)
    {
        if (settings.Options.BatchSize > trainCount)
        {
            throw new UsageException(
                $"--batch-size {settings.Options.BatchSize} is larger than the training set "
                + $"({trainCount} samples); use at most {trainCount}");
        }
    }

    private void CheckAugment(int rows, int columns)
    {
        // A shift as wide as the image would leave nothing of it (and no pixels to copy).
        var shift = settings.AugmentShift;
        if (shift > 0 && shift >= Math.Min(rows, columns))
        {
            throw new UsageException(
                $"--augment {shift} would shift the {rows}×{columns} images out of view; use "
                + $"at most {Math.Min(rows, columns) - 1}");
        }
    }

    private EpochState Restore(Trainer trainer, Checkpoint? resume)
    {
        if (resume is null)
        {
            return new EpochState(1);
        }

        var state = resume.RestoreInto(trainer, Out(CheckpointFile));
        history.AddRange(ResumeSettings.Metrics(resume, Out(CheckpointFile)));
        return state;
    }

    private void SaveCheckpoint(Trainer trainer, InputScaling scaling, EpochState state) =>
        Checkpoint.Capture(trainer, scaling, state).Save(Out(CheckpointFile), RunMetadata());

    private Dictionary<string, string> RunMetadata()
    {
        var o = settings.Options;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["data"] = DataPreparation.FullData(settings.Data),
            ["model"] = settings.Model,
            ["metrics"] = MetricsCsv.Write(history),
            ["epochs"] = Text(o.Epochs),
            ["batch_size"] = Text(o.BatchSize),
            ["learning_rate"] = o.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["optimizer"] = OptionNames.Optimizer(o.Optimizer),
            ["momentum"] = o.Momentum.ToString("R", CultureInfo.InvariantCulture),
            ["schedule"] = OptionNames.Schedule(o.Schedule),
            ["seed"] = Text(o.Seed),
            ["standardize"] = settings.Standardize ? "true" : "false",
            ["augment"] = Text(settings.AugmentShift),
            ["clip_norm"] = o.ClipNorm.ToString("R", CultureInfo.InvariantCulture),
        };
    }

    private void WriteOutputs(
        Trainer trainer,
        NetworkDescription network,
        InputScaling scaling,
        DataSplit split)
    {
        var metadata = RunMetadata();
        metadata["data"] = split.Name;
        ModelFile.Save(Out(ModelFileName), network, trainer.Engine.Theta, scaling, metadata);
        AtomicText.Write(Out(MetricsFile), MetricsCsv.Write(history));
        var points = history
            .Select(m => new EpochPoint(m.Epoch, m.TrainLoss, m.TrainAccuracy, m.TestAccuracy))
            .ToList();
        CurvesPlot.Save(points, Out(CurvesFile), $"{settings.Model} on {split.Name}");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
