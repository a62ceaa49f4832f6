using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Backprop.Cli.Training;
using Backprop.Jacobians;
using Backprop.Layers;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>backprop bench</c>: times training on real data (seconds per epoch, samples per second,
/// GFLOP/s against the measured matrix-multiply peak) or one sample's gradient per engine.
/// </summary>
internal static class BenchCommand
{
    // The square product that measures the peak (its operands fit in L2; the kernels do not
    // block for cache, so larger squares measure memory instead), and how long to repeat it.
    private const int PeakSize = 256;
    private const double PeakSeconds = 0.6;

    private static readonly Option<string> Data = new("--data")
    {
        Description = "fashion-mnist, mnist-10k, a folder of the four MNIST IDX files, or "
            + "TRAIN.csv.",
        DefaultValueFactory = _ => "fashion-mnist",
    };

    private static readonly Option<string> Model = new("--model")
    {
        Description = "lenet-300-100, lenet-5, logistic-regression, linear-regression, or a "
            + "network JSON file.",
        DefaultValueFactory = _ => "lenet-300-100",
    };

    private static readonly Option<int> Epochs = CommandOptions.PositiveInt(
        "--epochs", 2,
        "Epochs to time; the figure is the median of those after the first (of the one, for 1).");

    private static readonly Option<int> BatchSize = CommandOptions.PositiveInt(
        "--batch-size", 64, "Samples per SGD step (at most the training set's size).");

    private static readonly Option<int> Threads = CommandOptions.PositiveInt(
        "--threads",
        Environment.ProcessorCount,
        "Threads for the matrix products (default: all cores).");

    private static readonly Option<int> Seed = CommandOptions.Integer(
        "--seed", 1, 0, int.MaxValue, "Seed of the initialisation and the shuffles (0 or more).");

    private static readonly Option<string> Scaling = CommandOptions.OneOf(
        "--scaling",
        "standardize",
        OptionNames.Scalings,
        "standardize (as train does) or unit: pixels / 255, as the peer programs.");

    private static readonly Option<bool> SingleSample = new("--single-sample")
    {
        Description = "Time one sample's full gradient on each engine instead of training.",
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON object instead of the table.",
    };

    private static readonly Option<long?> MaxMemory =
        MemoryLimit.CreateOption("the jacobian engine's factors (with --single-sample)");

    public static Command Create()
    {
        var command = new Command(
            "bench", "Time training (or one sample's gradient) with the fast engine.")
        {
            Data, Model, Epochs, BatchSize, Threads, Seed, Scaling, SingleSample, Json, MaxMemory,
        };
        command.SetAction(parse => CommandRunner.Guard(
            parse.InvocationConfiguration.Error, () => Run(parse)));
        return command;
    }

    // Options that only one of the two benchmarks reads make no sense with the other.
    private static void CheckConflicts(ParseResult parse)
    {
        var single = parse.GetValue(SingleSample);
        Option[] others = single ? [Epochs, BatchSize] : [MaxMemory];
        foreach (var option in others)
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                throw new UsageException(single
                    ? $"{option.Name} conflicts with --single-sample, which trains nothing"
                    : $"{option.Name} applies to --single-sample only (the jacobian engine)");
            }
        }
    }

    private static int Run(ParseResult parse)
    {
        CheckConflicts(parse);
        // More threads than cores run as many as there are cores; report what runs.
        var threads = Math.Min(parse.GetValue(Threads), Environment.ProcessorCount);
        var epochs = parse.GetValue(Epochs);
        var batch = parse.GetValue(BatchSize);
        var seed = parse.GetValue(Seed);
        var dataName = parse.GetValue(Data)!;
        var model = parse.GetValue(Model)!;
        DataPreparation.CheckName(dataName, "--data");
        DataPreparation.CheckModelName(model);
        Gemm.MaxThreads = threads;
        var split = DataPreparation.Load(dataName);
        var network = DataPreparation.ResolveModel(model, split.Train, dataName);
        var maxEntries = 0L;
        if (parse.GetValue(SingleSample))
        {
            maxEntries = MemoryLimit.CheckNetwork(
                network,
                parse.GetValue(MaxMemory) ?? MemoryLimit.Default,
                "--single-sample times the jacobian engine too; bench a smaller network");
        }
        else if (batch > split.Train.Count)
        {
            throw new UsageException(
                $"--batch-size {batch} is larger than the training set ({split.Train.Count} "
                + $"samples); use at most {split.Train.Count}");
        }

        var scaling = parse.GetValue(Scaling) == "unit"
            ? InputScaling.Unit
            : InputScaling.Standardize(split.Train.Pixels);
        var train = DataPreparation.Convert(split.Train, scaling);
        var test = DataPreparation.Convert(split.Test, scaling);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["model"] = model,
            ["data"] = split.Name,
            ["threads"] = threads,
            ["scaling"] = parse.GetValue(Scaling),
            ["gemm"] = Gemm.Backend.ToString().ToLowerInvariant(),
            ["seconds_per_epoch"] = null,
            ["samples_per_second"] = null,
            ["gflops"] = null,
            ["test_accuracy"] = null,
            ["microseconds_per_gradient"] = null,
        };
        var invariant = CultureInfo.InvariantCulture;
        Console.Error.WriteLine(
            $"bench: {model} on {split.Name} ({train.Count.ToString("N0", invariant)} training, "
            + $"{test.Count.ToString("N0", invariant)} test samples), "
            + $"{network.ParameterCount.ToString("N0", invariant)} parameters, "
            + $"{threads} threads, gemm {result["gemm"]}");
        if (parse.GetValue(SingleSample))
        {
            result["microseconds_per_gradient"] =
                TimeSingleSample(network, train, seed, maxEntries);
        }
        else
        {
            var peak = MeasurePeak();
            result["peak_gflops"] = Round(peak);
            // train's default rate: 0.1 for plain SGD, a thirtieth of it for squared error.
            var rate = TrainCommand.DefaultRate(OptimizerKind.Sgd, network.Loss);
            var options = new TrainingOptions(epochs, batch, rate, seed);
            TimeTraining(network, train, test, options, result);
            result["peak_fraction"] = Math.Round((double)result["gflops"]! / peak, 3);
            // The most resident memory the process has had, data sets included.
            using var self = Process.GetCurrentProcess();
            result["peak_memory_mb"] = Math.Round(self.PeakWorkingSet64 / 1048576.0, 1);
        }

        Print(result, parse.GetValue(Json));
        return 0;
    }

    private static void TimeTraining(
        NetworkDescription network,
        TrainingData train,
        TrainingData test,
        TrainingOptions options,
        Dictionary<string, object?> result)
    {
        var trainer = new Trainer(network, options, train.Count);
        var seconds = new List<double>();
        var accuracies = new List<double>();
        var accuracy = 0.0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var state = new EpochState(epoch);
            var clock = Stopwatch.GetTimestamp();
            trainer.RunEpoch(train, state);
            seconds.Add(Stopwatch.GetElapsedTime(clock).TotalSeconds);
            accuracy = Trainer.Evaluate(trainer.Engine, test).Accuracy;
            accuracies.Add(accuracy);
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"epoch {epoch}: {seconds[^1]:F3} s, loss {state.MeanLoss:F4}, "
                + $"test accuracy {accuracy:F4}"));
        }

        // The first epoch pays for JIT compilation and page faults; later ones are steady.
        var timed = seconds.Count > 1 ? seconds.Skip(1).ToList() : seconds;
        var perEpoch = Median(timed);
        var flops = ProductFlopsPerSample(network) * train.Count;
        result["epoch_seconds"] = seconds.Select(s => Math.Round(s, 4)).ToList();
        result["seconds_per_epoch"] = Math.Round(perEpoch, 4);
        result["samples_per_second"] = Math.Round(train.Count / perEpoch, 1);
        result["gflops"] = Round(flops / perEpoch / 1e9);
        result["gflop_per_epoch"] = Round(flops / 1e9);
        result["test_accuracy"] = accuracy;
        result["epoch_test_accuracy"] = accuracies;
    }

    /// <summary>Matrix-product flops of one sample's training step.</summary>
    /// <remarks>
    /// A dense layer multiplies in·out pairs, a convolution filters · C·kh·kw · oh·ow (its
    /// im2col product). Each product counts 2 flops per multiply-add forward, the same for
    /// the weight gradient, and the same for the input gradient in every layer but the first,
    /// whose input needs none. Element-wise work (bias, activation, pooling, loss, update) is
    /// not counted.
    /// </remarks>
    private static double ProductFlopsPerSample(NetworkDescription network)
    {
        var flops = 0.0;
        for (var layer = 0; layer < network.Layers.Count; layer++)
        {
            var pairs = network.Layers[layer] switch
            {
                DenseLayerDescription dense => (double)network.LayerInputSize(layer) * dense.Units,
                Conv2dLayerDescription conv => ConvPairs(conv, network.LayerInputShape(layer)),
                _ => 0.0,
            };
            flops += 2 * pairs * (layer == 0 ? 2 : 3);
        }

        return flops;
    }

    private static double ConvPairs(Conv2dLayerDescription conv, IReadOnlyList<int> inputShape)
    {
        var g = ConvolutionGeometry.Of(conv, inputShape);
        return (double)conv.Filters * g.PatchSize * g.OutputArea;
    }

    private static double MeasurePeak()
    {
        var n = PeakSize;
        var rng = new Random(1);
        var A = new float[n * n];
        var B = new float[n * n];
        var C = new float[n * n];
        for (var i = 0; i < A.Length; i++)
        {
            A[i] = (float)(rng.NextDouble() - 0.5);
            B[i] = (float)(rng.NextDouble() - 0.5);
        }

        Gemm.Multiply<float>(A, B, C, n, n, n);
        var best = 0.0;
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < PeakSeconds)
        {
            var clock = Stopwatch.GetTimestamp();
            Gemm.Multiply<float>(A, B, C, n, n, n);
            var seconds = Stopwatch.GetElapsedTime(clock).TotalSeconds;
            best = Math.Max(best, 2.0 * n * n * n / seconds / 1e9);
        }

        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"peak: {best:F1} GFLOP/s ({n} × {n} × {n} float product, best of {PeakSeconds} s)"));
        return best;
    }

    private static Dictionary<string, double> TimeSingleSample(
        NetworkDescription network,
        TrainingData train,
        int seed,
        long maxEntries)
    {
        var parameters = Initializer.Create(network, seed);
        var fast = new FastNetwork<double>(network, 1);
        fast.LoadParameters(parameters);
        var fastFloat = new FastNetwork<float>(network, 1);
        fastFloat.LoadParameters(parameters);
        // Up to 64 different samples, fewer when the training set is smaller.
        var samples = Math.Min(64, train.Count);
        var x = new double[samples][];
        var y = new double[samples][];
        var xf = new float[samples][];
        var yf = new float[samples][];
        var target = new float[network.OutputSize];
        for (var s = 0; s < samples; s++)
        {
            xf[s] = new float[train.InputSize];
            train.CopySample(s, xf[s]);
            train.Target(s, target);
            yf[s] = (float[])target.Clone();
            x[s] = Array.ConvertAll(xf[s], v => (double)v);
            y[s] = Array.ConvertAll(yf[s], v => (double)v);
        }

        var timings = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["fast_double"] = MicrosecondsPer(
                5000, samples, s => fast.ComputeGradient(x[s], y[s], 1)),
            ["fast_float"] = MicrosecondsPer(
                5000, samples, s => fastFloat.ComputeGradient(xf[s], yf[s], 1)),
            ["jacobian"] = MicrosecondsPer(
                10, samples, s => JacobianEngine.Compute(parameters, x[s], y[s], maxEntries)),
        };
        foreach (var (engine, us) in timings)
        {
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"{engine}: {us:F2} µs per gradient"));
        }

        return timings;
    }

    // Median of five blocks of calls cycling through the samples, after one untimed block.
    private static double MicrosecondsPer<TResult>(
        int calls,
        int samples,
        Func<int, TResult> gradient)
    {
        var blocks = new List<double>();
        for (var block = 0; block < 6; block++)
        {
            var clock = Stopwatch.GetTimestamp();
            for (var call = 0; call < calls; call++)
            {
                gradient(call % samples);
            }

            blocks.Add(Stopwatch.GetElapsedTime(clock).TotalMicroseconds / calls);
        }

        return Round(Median(blocks.Skip(1).ToList()));
    }

    private static void Print(Dictionary<string, object?> result, bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(result));
            return;
        }

        foreach (var (key, value) in result)
        {
            var text = value switch
            {
                null => "-",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                Dictionary<string, double> d => string.Join(
                    ", ",
                    d.Select(e => $"{e.Key} {e.Value.ToString(CultureInfo.InvariantCulture)}")),
                List<double> list => string.Join(
                    ", ", list.Select(v => v.ToString(CultureInfo.InvariantCulture))),
                _ => value.ToString(),
            };
            Console.Out.WriteLine($"{key,-26} {text}");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
    }

    private static double Round(double value) => Math.Round(value, 2);
}
