using System.CommandLine;
using System.Globalization;
using Backprop.Cli.Training;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop train</c>: mini-batch training on real data with the fast engine.</summary>
internal static class TrainCommand
{
    private static readonly Option<string> Data = new("--data")
    {
        Description = "fashion-mnist, mnist-10k, a folder of the four MNIST IDX files, "
            + "or TRAIN.csv.",
        DefaultValueFactory = _ => "fashion-mnist",
    };

    private static readonly Option<string> Model = new("--model")
    {
        Description = "lenet-300-100, lenet-5, logistic-regression, linear-regression, "
            + "or a network JSON file.",
        DefaultValueFactory = _ => "lenet-300-100",
    };

    private static readonly Option<int> Epochs = new("--epochs")
    {
        Description = "Passes over the training set.",
        DefaultValueFactory = _ => 10,
    };

    private static readonly Option<int> BatchSize = new("--batch-size")
    {
        Description = "Samples per gradient step.",
        DefaultValueFactory = _ => 64,
    };

    private static readonly Option<double> LearningRate = new("--lr")
    {
        Description = "The learning rate η.",
        DefaultValueFactory = _ => 0.1,
    };

    private static readonly Option<string> OptimizerName = new("--optimizer")
    {
        Description = "sgd (the paper's), momentum or adam.",
        DefaultValueFactory = _ => "sgd",
    };

    private static readonly Option<double> Momentum = new("--momentum")
    {
        Description = "μ for --optimizer momentum, in [0, 1).",
        DefaultValueFactory = _ => 0.9,
    };

    private static readonly Option<string> Schedule = new("--schedule")
    {
        Description = "constant, step (×0.1 at 1/2 and 3/4 of the epochs) or cosine.",
        DefaultValueFactory = _ => "cosine",
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed of the initialisation and the shuffles.",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "Threads for the matrix products (default: all cores).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    private static readonly Option<string> Scaling = new("--scaling")
    {
        Description = "unit: pixels / 255, in [0, 1]; standardize: then subtract the training "
            + "set's mean and divide by its deviation.",
        DefaultValueFactory = _ => "standardize",
    };

    private static readonly Option<int> Augment = new("--augment")
    {
        Description = "Shift each training image by up to N pixels at random (0: off).",
        DefaultValueFactory = _ => 0,
        HelpName = "N",
    };

    private static readonly Option<string?> OutFolder = new("--out")
    {
        Description = "Folder for model, checkpoint, metrics and plot (default runs/MODEL-DATA).",
    };

    private static readonly Option<string?> Resume = new("--resume")
    {
        Description = "Continue the run whose checkpoint is in this folder.",
    };

    private static readonly Option<bool> Quiet = new("--quiet")
    {
        Description = "Print only the summary table.",
    };

    public static Command Create()
    {
        OptimizerName.AcceptOnlyFromAmong(OptionNames.Optimizers);
        Scaling.AcceptOnlyFromAmong("unit", "standardize");
        Schedule.AcceptOnlyFromAmong(OptionNames.Schedules);
        var command = new Command("train", "Train a network on real data with mini-batch SGD.")
        {
            Data, Model, Epochs, BatchSize, LearningRate, OptimizerName, Momentum, Schedule, Seed,
            Threads, Scaling, Augment, OutFolder, Resume, Quiet,
        };
        command.SetAction(parse => CommandRunner.Guard(() => Run(parse)));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var resumeFolder = parse.GetValue(Resume);
        Checkpoint? checkpoint = null;
        TrainSettings settings;
        if (resumeFolder is not null)
        {
            var path = Path.Combine(resumeFolder, TrainingRun.CheckpointFile);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: no checkpoint to resume from");
            }

            checkpoint = Checkpoint.Load(path);
            settings = FromCheckpoint(parse, checkpoint, resumeFolder);
        }
        else
        {
            settings = FromOptions(parse);
        }

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            // First Ctrl-C: finish the batch, write a checkpoint, exit. A second one kills.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += stop;
        try
        {
            return new TrainingRun(settings).Execute(checkpoint, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }

    private static TrainSettings FromOptions(ParseResult parse)
    {
        var options = new TrainingOptions(
            Positive(parse.GetValue(Epochs), "--epochs"),
            Positive(parse.GetValue(BatchSize), "--batch-size"),
            Rate(parse.GetValue(LearningRate)),
            parse.GetValue(Seed),
            OptionNames.ParseOptimizer(parse.GetValue(OptimizerName)!),
            MomentumValue(parse.GetValue(Momentum)),
            OptionNames.ParseSchedule(parse.GetValue(Schedule)!));
        var data = parse.GetValue(Data)!;
        var model = parse.GetValue(Model)!;
        var folder = parse.GetValue(OutFolder)
            ?? Path.Combine(
                "runs",
                $"{Path.GetFileNameWithoutExtension(model)}-{Path.GetFileName(data.TrimEnd('/'))}");
        return new TrainSettings(
            data, model, options, parse.GetValue(Scaling) == "standardize",
            Shift(parse.GetValue(Augment)),
            Positive(parse.GetValue(Threads), "--threads"), folder, parse.GetValue(Quiet));
    }

    private static TrainSettings FromCheckpoint(
        ParseResult parse,
        Checkpoint checkpoint,
        string folder)
    {
        Option[] fixedByCheckpoint =
        [
            Data, Model, BatchSize, LearningRate, OptimizerName, Momentum, Schedule, Seed,
            Scaling, Augment, OutFolder,
        ];
        foreach (var option in fixedByCheckpoint)
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                throw new UsageException(
                    $"{option.Name} conflicts with --resume: a resumed run keeps its settings "
                    + "(only --epochs, --threads and --quiet may be given)");
            }
        }

        var meta = checkpoint.Model.Metadata;
        string Get(string key) => meta.TryGetValue(key, out var v)
            ? v
            : throw new InvalidDataException($"{folder}: checkpoint lacks '{key}'");
        var invariant = CultureInfo.InvariantCulture;
        var epochs = parse.GetResult(Epochs) is { Implicit: false }
            ? Positive(parse.GetValue(Epochs), "--epochs")
            : int.Parse(Get("epochs"), invariant);
        var options = new TrainingOptions(
            epochs,
            int.Parse(Get("batch_size"), invariant),
            double.Parse(Get("learning_rate"), invariant),
            int.Parse(Get("seed"), invariant),
            OptionNames.ParseOptimizer(Get("optimizer")),
            double.Parse(Get("momentum"), invariant),
            OptionNames.ParseSchedule(Get("schedule")));
        return new TrainSettings(
            Get("data"), Get("model"), options, Get("standardize") == "true",
            meta.TryGetValue("augment", out var augment)
                ? int.Parse(augment, invariant)
                : 0,
            Positive(parse.GetValue(Threads), "--threads"), folder, parse.GetValue(Quiet));
    }

    private static int Shift(int value) =>
        value is >= 0 and <= 8
            ? value
            : throw new UsageException($"--augment must be from 0 to 8 pixels, got {value}");

    private static int Positive(int value, string name) =>
        value >= 1 ? value : throw new UsageException($"{name} must be at least 1, got {value}");

    private static double Rate(double value) =>
        double.IsFinite(value) && value > 0
            ? value
            : throw new UsageException($"--lr must be a finite number above 0, got {value}");

    private static double MomentumValue(double value) =>
        value is >= 0 and < 1
            ? value
            : throw new UsageException($"--momentum must be in [0, 1), got {value}");
}
