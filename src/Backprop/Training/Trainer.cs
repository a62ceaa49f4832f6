using System.Diagnostics;
using Backprop.Networks;

namespace Backprop.Training;

/// <summary>Mini-batch training on the fast engine, as in the paper's Figure 1.</summary>
/// <remarks>
/// Each epoch shuffles the training set with a generator seeded from the run's seed and the
/// epoch, then for each batch computes ∇θ of the mean loss by backpropagation and applies
/// the optimizer. The same seed and data give bit-identical parameters at any thread count.
/// <para>
/// A batch of at least 2 × <see cref="ShardSize"/> samples is cut into shards of about
/// <see cref="ShardSize"/> samples that threads compute independently, each into a gradient
/// buffer of its own; the buffers are then added in shard order. The shards depend only on the
/// batch size, never on the thread count, so one thread computing every shard gets the same
/// bits as two. A smaller batch is one shard whose matrix products are split over threads.
/// </para>
/// </remarks>
public sealed partial class Trainer
{
    /// <summary>The fewest samples a shard of a batch holds (when there are two or more).
    /// </summary>
    public const int ShardSize = 32;

    private const int MaxShards = 8;

    // Extra gradient buffers allowed for shards, in floats (256 MB).
    private const long MaxShardBuffers = 1L << 26;

    // θ is added up, checked and updated in ranges of this many entries, one range per item.
    private const int RangeSize = 1 << 14;

    private readonly FastNetwork<float> engine;
    private readonly FastNetwork<float>[] shards;
    private readonly ShardJob shardJob;
    private readonly ReduceJob reduceJob;
    private readonly SumAndUpdateJob updateJob;
    private readonly FirstLayerJob firstLayerJob;
    private readonly int batchSize;
    private readonly float[] batchInputs;
    private readonly float[] batchTargets;
    private readonly int[] order;
    private readonly int[] shifts;
    private int touched;

    // One image per shard for --augment: converted there, then shifted into the batch.
    private readonly float[][] scratch;

    // With shards, a dense first layer's gradient is computed over the whole batch by blocks of
    // units (its weights are most of θ): its units, where its entries end in θ, and the shards'
    // dZ^[1] side by side. Zero and empty otherwise.
    private readonly int firstLayerUnits;
    private readonly int firstLayerEnd;
    private readonly float[] firstLayerDeltas;

    // For that layer's product over the whole batch: the inputs with a column per sample, and
    // Zᵀ (units × samples).
    private readonly float[] transposedInputs;
    private readonly float[] firstLayerOutput;

    /// <summary>Initializes a trainer with freshly initialised parameters.</summary>
    /// <param name="network">The network.</param>
    /// <param name="options">The settings.</param>
    /// <param name="trainCount">The number of training samples.</param>
    public Trainer(NetworkDescription network, TrainingOptions options, int trainCount)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trainCount);
        Options = options;
        var batch = Math.Min(options.BatchSize, trainCount);
        batchSize = batch;
        var shardCount = ShardCount(batch, network.ParameterCount);
        var capacity = (batch + shardCount - 1) / shardCount;
        engine = new FastNetwork<float>(network, capacity);
        engine.LoadParameters(Initializer.Create(network, options.Seed));
        shards = new FastNetwork<float>[shardCount];
        shards[0] = engine;
        for (var s = 1; s < shardCount; s++)
        {
            shards[s] = new FastNetwork<float>(network, capacity, engine.Theta)
            {
                SerialProducts = true,
            };
        }

        var momentum = (float)options.Momentum;
        Optimizer = new Optimizer(options.Optimizer, network.ParameterCount, momentum);
        batchInputs = new float[batch * network.InputSize];
        batchTargets = new float[batch * network.OutputSize];
        order = new int[trainCount];
        shifts = new int[2 * batch];
        scratch = new float[options.Augmentation is null ? 0 : shardCount][];
        for (var s = 0; s < scratch.Length; s++)
        {
            scratch[s] = new float[network.InputSize];
        }
        if (shardCount > 1 && options.ClipNorm is not > 0
            && network.Layers[0] is DenseLayerDescription first
            && network.Parameters[network.WeightParameterIndex(0)].ThetaOffset == 0)
        {
            firstLayerUnits = first.Units;
            firstLayerEnd = first.Units * (network.InputSize + 1);
            foreach (var shard in shards)
            {
                shard.SkipFirstLayerGradient = true;
            }
        }

        firstLayerDeltas = new float[batch * firstLayerUnits];
        transposedInputs = new float[firstLayerUnits == 0 ? 0 : batch * network.InputSize];
        firstLayerOutput = new float[batch * firstLayerUnits];
        firstLayerJob = new FirstLayerJob(this);
        shardJob = new ShardJob(this);
        reduceJob = new ReduceJob(this);
        updateJob = new SumAndUpdateJob(this);
    }

    /// <summary>Gets the settings.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Gets the engine holding θ.</summary>
    public FastNetwork<float> Engine => engine;

    /// <summary>Gets the optimizer and its state.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Gets the number of batches in an epoch over a training set.</summary>
    /// <param name="trainCount">The number of training samples.</param>
    /// <returns>⌈count / batch size⌉.</returns>
    public int BatchCount(int trainCount) => (trainCount + batchSize - 1) / batchSize;

    /// <summary>Gets the number of samples in a full batch (the last may hold fewer).</summary>
    public int BatchSize => batchSize;

    /// <summary>Gets the number of shards a batch is cut into.</summary>
    public int ShardCountPerBatch => shards.Length;

    /// <summary>Runs (or continues) one epoch over the training set.</summary>
    /// <param name="train">The training samples.</param>
    /// <param name="state">The epoch and its position; updated after every batch.</param>
    /// <param name="progress">Receives a report after each batch, or null.</param>
    /// <param name="cancellation">Checked between batches; the epoch stops early when set.
    /// </param>
    /// <returns>True when the epoch finished, false when it was cancelled.</returns>
    /// <exception cref="TrainingDivergedException">The loss or the gradient became NaN or
    /// infinite; θ keeps its value from before that batch.</exception>
    public bool RunEpoch(
        TrainingData train,
        EpochState state,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(state);
        Shuffle(state.Epoch);
        var eta = (float)Options.RateAt(state.Epoch - 1);
        var batchCount = BatchCount(train.Count);
        while (state.NextBatch < batchCount)
        {
            if (cancellation.IsCancellationRequested)
            {
                return false;
            }

            var clock = Stopwatch.GetTimestamp();
            var start = state.NextBatch * batchSize;
            var count = Math.Min(batchSize, train.Count - start);
            DrawShifts(start, count, state.Epoch);
            var (loss, updated) = TrainOnBatch(train, start, count, eta);
            if (!updated)
            {
                throw new TrainingDivergedException(state.Epoch, state.NextBatch + 1, loss);
            }

            state.LossSum += (double)loss * count;
            state.Correct += CountCorrect(start, count, train);
            state.Seen += count;
            state.NextBatch++;
            state.Seconds += Stopwatch.GetElapsedTime(clock).TotalSeconds;
            progress?.Report(
                new TrainingProgress(state.Epoch, state.NextBatch, batchCount, state.MeanLoss));
        }

        return true;
    }

    /// <summary>Measures loss, accuracy and the confusion matrix on a data set.</summary>
    /// <param name="engine">The engine holding θ.</param>
    /// <param name="data">The samples.</param>
    /// <returns>The evaluation.</returns>
    public static Evaluation Evaluate(FastNetwork<float> engine, TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(data);
        var outputs = engine.Network.OutputSize;
        var classes = Math.Max(outputs, 2);
        var confusion = new int[classes, classes];
        var target = new float[outputs];
        var head = new Backprop.Losses.OutputHead(
            engine.Network.OutputActivation, engine.Network.Loss);
        var dz = new float[outputs];
        var yHat = new float[outputs];
        var inputs = new float[engine.BatchCapacity * data.InputSize];
        double lossSum = 0;
        var correct = 0;
        var firstNonFinite = -1;
        var nonFiniteValue = float.NaN;
        for (var start = 0; start < data.Count; start += engine.BatchCapacity)
        {
            var count = Math.Min(engine.BatchCapacity, data.Count - start);
            var input = inputs.AsSpan(0, count * data.InputSize);
            data.CopySamples(start, count, input);
            var logits = engine.Logits(input, count);
            for (var n = 0; n < count; n++)
            {
                data.Target(start + n, target);
                var row = logits.Slice(n * outputs, outputs);
                lossSum += head.Evaluate<float>(row, target, yHat, dz, outputs);
                var bad = FirstNonFinite(row, yHat);
                if (firstNonFinite < 0 && bad is { } value)
                {
                    (firstNonFinite, nonFiniteValue) = (start + n, value);
                }

                var predicted = PredictedClass(yHat);
                var actual = data.Labels[start + n];
                confusion[actual, predicted]++;
                correct += predicted == actual ? 1 : 0;
            }
        }

        return new Evaluation(lossSum / data.Count, (double)correct / data.Count, confusion)
        {
            FirstNonFiniteSample = firstNonFinite,
            NonFiniteValue = nonFiniteValue,
        };
    }

    /// <summary>Returns the first non-finite value of ŷ, else of z (logits), or null.</summary>
    private static float? FirstNonFinite(ReadOnlySpan<float> z, ReadOnlySpan<float> yHat) =>
        FirstNonFinite(yHat) ?? FirstNonFinite(z);

    private static float? FirstNonFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>Returns the class a network output stands for.</summary>
    /// <param name="yHat">The output ŷ of one sample.</param>
    /// <returns>The index of the largest output, or for one output 1 when ŷ ≥ 0.5.</returns>
    public static int PredictedClass(ReadOnlySpan<float> yHat) =>
        yHat.Length == 1
            ? (yHat[0] >= 0.5f ? 1 : 0)
            : System.Numerics.Tensors.TensorPrimitives.IndexOfMax(yHat);

    private void ClipGradient(Span<float> gradient)
    {
        // Clipping by norm: when ‖∇θ‖₂ > c, scale ∇θ by c / ‖∇θ‖₂ (direction kept).
        if (Options.ClipNorm is not > 0)
        {
            return;
        }

        var norm = System.Numerics.Tensors.TensorPrimitives.Norm<float>(gradient);
        if (norm > Options.ClipNorm)
        {
            var scale = (float)(Options.ClipNorm / norm);
            System.Numerics.Tensors.TensorPrimitives.Multiply(gradient, scale, gradient);
        }
    }

    private void Shuffle(int epoch)
    {
        // Fisher–Yates with a generator seeded by (seed, epoch), so a resumed run shuffles
        // exactly as an uninterrupted one.
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var rng = new Random(ShuffleSeed(Options.Seed, epoch));
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private static int ShuffleSeed(int seed, int epoch)
    {
        // A fixed mix of (seed, epoch); HashCode.Combine would differ from process to process.
        var mixed = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL)
            ^ ((ulong)(uint)epoch * 0xBF58476D1CE4E5B9UL);
        mixed ^= mixed >> 31;
        return (int)(mixed & int.MaxValue);
    }

    // The shifts of a batch's samples, drawn in sample order before the samples are gathered
    // (possibly by several threads).
    private void DrawShifts(int start, int count, int epoch)
    {
        if (Options.Augmentation is not { } shift)
        {
            return;
        }

        var rng = new Random(ShuffleSeed(Options.Seed, epoch) ^ start);
        for (var n = 0; n < count; n++)
        {
            shifts[2 * n] = rng.Next(-shift.MaxShift, shift.MaxShift + 1);
            shifts[(2 * n) + 1] = rng.Next(-shift.MaxShift, shift.MaxShift + 1);
        }
    }

    // Copies samples [from, to) of the batch starting at start into the batch buffers; the
    // worker is the shard doing it (its scratch image).
    private void Gather(TrainingData train, int start, (int From, int To) range, int worker)
    {
        var outputs = engine.Network.OutputSize;
        var shift = Options.Augmentation;
        // Start fetching every sample's memory before copying them one by one.
        var samples = order.AsSpan(start + range.From, range.To - range.From);
        Interlocked.Add(ref touched, train.Touch(samples));
        for (var n = range.From; n < range.To; n++)
        {
            var sample = order[start + n];
            var destination = batchInputs.AsSpan(n * train.InputSize, train.InputSize);
            if (shift is null)
            {
                train.CopySample(sample, destination);
            }
            else
            {
                // The image into this range's own scratch buffer, then shifted into place.
                var image = scratch[worker];
                train.CopySample(sample, image);
                shift.Apply(image, destination, shifts[2 * n], shifts[(2 * n) + 1]);
            }

            train.Target(sample, batchTargets.AsSpan(n * outputs, outputs));
        }
    }

    private int CountCorrect(int start, int count, TrainingData train)
    {
        var outputs = engine.Network.OutputSize;
        var active = ActiveShards(count);
        var correct = 0;
        for (var s = 0; s < active; s++)
        {
            var (from, to) = ShardRange(s, active, count);
            var yHat = shards[s].LastOutput(to - from);
            for (var n = from; n < to; n++)
            {
                var predicted = PredictedClass(yHat.Slice((n - from) * outputs, outputs));
                correct += predicted == train.Labels[order[start + n]] ? 1 : 0;
            }
        }

        return correct;
    }

    private static int Threads => Math.Max(1, LinearAlgebra.Gemm.MaxThreads);
}
