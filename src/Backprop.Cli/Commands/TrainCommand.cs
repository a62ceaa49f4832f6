using System.CommandLine;
using System.Globalization;
using Backprop.Cli.Training;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop train</c>: mini-batch training on real data with the fast engine.</summary>
internal static class TrainCommand
{
    /// <summary>The largest --augment shift, in pixels.</summary>
    public const int ImageShiftLimit = 8;

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

    private static readonly Option<int> Epochs = CommandOptions.PositiveInt(
        "--epochs", 10, "Passes over the training set.");

    private static readonly Option<int> BatchSize = CommandOptions.PositiveInt(
        "--batch-size", 64, "Samples per gradient step (at most the training set's size).");

    private static readonly Option<double?> LearningRate = CommandOptions.OptionalReal(
        "--lr",
        eta => eta > 0,
        "a finite number above 0",
        "The learning rate η. Default: 0.1 for sgd, 0.01 for momentum, 0.001 for adam; a "
            + "thirtieth of that for squared-error networks.");

    private static readonly Option<string> OptimizerName = CommandOptions.OneOf(
        "--optimizer", "sgd", OptionNames.Optimizers, "sgd (the paper's), momentum or adam.");

    private static readonly Option<double> Momentum = CommandOptions.Real(
        "--momentum",
        0.9,
        mu => mu is >= 0 and < 1,
        "a number in [0, 1)",
        "μ for --optimizer momentum, in [0, 1).");

    private static readonly Option<string> Schedule = CommandOptions.OneOf(
        "--schedule",
        "cosine",
        OptionNames.Schedules,
        "constant, step (×0.1 at 1/2 and 3/4 of the epochs) or cosine.");

    private static readonly Option<int> Seed = CommandOptions.Integer(
        "--seed", 1, 0, int.MaxValue, "Seed of the initialisation and the shuffles (0 or more).");

    private static readonly Option<int> Threads = CommandOptions.PositiveInt(
        "--threads",
        Environment.ProcessorCount,
        "Threads for the matrix products (default: all cores).");

    private static readonly Option<string> Scaling = CommandOptions.OneOf(
        "--scaling",
        "standardize",
        OptionNames.Scalings,
        "unit: pixels / 255, in [0, 1]; standardize: then subtract the training set's mean "
            + "and divide by its deviation.");

    private static readonly Option<int> Augment = CommandOptions.Integer(
        "--augment",
        0,
        0,
        ImageShiftLimit,
        "Shift each training image by up to N pixels at random (0: off).");

    private static readonly Option<double> ClipNorm = CommandOptions.Real(
        "--clip-norm",
        0,
        c => c >= 0,
        "a finite number ≥ 0",
        "Scale each gradient down to this norm when it is larger (0: off).",
        "C");

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
            CheckResumeConflicts(parse);
            if (string.IsNullOrWhiteSpace(resumeFolder) || File.Exists(resumeFolder))
            {
                throw new UsageException(
                    $"--resume '{resumeFolder}' must be the folder of a run, not a file");
            }

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
            CheckNoUnfinishedRun(settings.OutputFolder);
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

        var data = parse.GetValue(Data)!;
        var model = parse.GetValue(Model)!;
        DataPreparation.CheckName(data, "--data");
        DataPreparation.CheckModelName(model);
        var options = new TrainingOptions(
            parse.GetValue(Epochs),
            parse.GetValue(BatchSize),
            parse.GetValue(LearningRate) ?? double.NaN,
            parse.GetValue(Seed),
            OptionNames.ParseOptimizer(optimizerName),
            parse.GetValue(Momentum),
            OptionNames.ParseSchedule(parse.GetValue(Schedule)!),
            ClipNorm: parse.GetValue(ClipNorm));
        var folder = parse.GetValue(OutFolder)
            ?? Path.Combine(
                "runs",
                $"{Path.GetFileNameWithoutExtension(model)}-{Path.GetFileName(data.TrimEnd('/'))}");
        return new TrainSettings(
            data, model, options, parse.GetValue(Scaling) == "standardize",
            parse.GetValue(Augment), parse.GetValue(Threads), folder, parse.GetValue(Quiet));
    }

    // Checked before the checkpoint is read: the conflict is in the command line itself.
    private static void CheckResumeConflicts(ParseResult parse)
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
    }

    /// <summary>Refuses to start a fresh run over the checkpoint of an unfinished one.
    /// </summary>
    /// <remarks>A finished run (its checkpoint is past the last epoch) is overwritten, so a
    /// command can be run again; an unreadable checkpoint is overwritten as before.</remarks>
    private static void CheckNoUnfinishedRun(string folder)
    {
        var path = Path.Combine(folder, TrainingRun.CheckpointFile);
        if (!File.Exists(path))
        {
            return;
        }

        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Load(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException
            or UnauthorizedAccessException or NotSupportedException)
        {
            return;
        }

        var epochs = checkpoint.Model.Metadata.TryGetValue("epochs", out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : 0;
        if (checkpoint.Epoch <= epochs)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{folder} holds an unfinished run (epoch {checkpoint.Epoch} of {epochs}); "
                + $"continue it with --resume {folder} or choose another --out"));
        }
    }

    private static TrainSettings FromCheckpoint(
        ParseResult parse,
        Checkpoint checkpoint,
        string folder)
    {
        int? epochs = parse.GetResult(Epochs) is { Implicit: false }
            ? parse.GetValue(Epochs)
            : null;
        var path = Path.Combine(folder, TrainingRun.CheckpointFile);
        return new ResumeSettings(checkpoint, path).Read(
            folder, epochs, parse.GetValue(Threads), parse.GetValue(Quiet));
    }

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
}
