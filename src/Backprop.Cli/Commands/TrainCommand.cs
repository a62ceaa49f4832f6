using System.CommandLine;
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

    private static readonly Option<double?> LearningRate = new("--lr")
    {
        Description = "The learning rate η. Default: 0.1 for sgd, 0.01 for momentum, 0.001 "
            + "for adam; a third of that for squared-error networks.",
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

    private static readonly Option<double> ClipNorm = new("--clip-norm")
    {
        Description = "Scale each gradient down to this norm when it is larger (0: off).",
        DefaultValueFactory = _ => 0,
        HelpName = "C",
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
            Threads, Scaling, Augment, ClipNorm, OutFolder, Resume, Quiet,
        };
        // Errors go to the invocation's writer, so an in-process run captures them.
        command.SetAction(parse => CommandRunner.Guard(
            parse.InvocationConfiguration.Error, () => Run(parse)));
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
            // Ctrl-C: finish the batch, write a checkpoint, exit. The process is never killed
            // mid-write, so a second Ctrl-C only repeats the request.
            e.Cancel = true;
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
        var optimizerName = parse.GetValue(OptimizerName)!;
        if (parse.GetResult(Momentum) is { Implicit: false } && optimizerName != "momentum")
        {
            throw new UsageException(
                $"--momentum applies to --optimizer momentum only, not {optimizerName}");
        }

        var options = new TrainingOptions(
            Positive(parse.GetValue(Epochs), "--epochs"),
            Positive(parse.GetValue(BatchSize), "--batch-size"),
            parse.GetValue(LearningRate) is { } eta ? Rate(eta) : double.NaN,
            parse.GetValue(Seed),
            OptionNames.ParseOptimizer(parse.GetValue(OptimizerName)!),
            MomentumValue(parse.GetValue(Momentum)),
            OptionNames.ParseSchedule(parse.GetValue(Schedule)!),
            ClipNorm: Clip(parse.GetValue(ClipNorm)));
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
            Scaling, Augment, ClipNorm, OutFolder,
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

        int? epochs = parse.GetResult(Epochs) is { Implicit: false }
            ? Positive(parse.GetValue(Epochs), "--epochs")
            : null;
        var path = Path.Combine(folder, TrainingRun.CheckpointFile);
        return new ResumeSettings(checkpoint, path).Read(
            folder, epochs, Positive(parse.GetValue(Threads), "--threads"), parse.GetValue(Quiet));
    }

    private static double Clip(double value) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new UsageException($"--clip-norm must be a finite number ≥ 0, got {value}");

    private static int Shift(int value) =>
        value is >= 0 and <= 8
            ? value
            : throw new UsageException($"--augment must be from 0 to 8 pixels, got {value}");

    private static int Positive(int value, string name) =>
        value >= 1 ? value : throw new UsageException($"{name} must be at least 1, got {value}");

    /// <summary>The learning rate used when --lr is not given.</summary>
    public static double DefaultRate(OptimizerKind optimizer, Losses.LossKind loss)
    {
        var eta = optimizer switch
        {
            OptimizerKind.Adam => 0.001,
            OptimizerKind.Momentum => 0.01,
            _ => 0.1,
        };

        // ‖y − ŷ‖² sums over the outputs with no mean, so its gradients run larger.
        return loss == Losses.LossKind.SquaredError ? eta / 30 : eta;
    }

    private static double Rate(double value) =>
        double.IsFinite(value) && value > 0
            ? value
            : throw new UsageException($"--lr must be a finite number above 0, got {value}");

    private static double MomentumValue(double value) =>
        value is >= 0 and < 1
            ? value
            : throw new UsageException($"--momentum must be in [0, 1), got {value}");
}
