using System.Globalization;
using Backprop.Training;

namespace Backprop.Serialization;

/// <summary>The state of a training run: model, optimizer state and position.</summary>
/// <remarks>
/// Written as a model file with extra tensors <c>optimizer.0</c>, <c>optimizer.1</c> (F32,
/// length P) and metadata: <c>format</c> = <c>backprop-checkpoint</c>, the next
/// <c>epoch</c> and <c>batch</c> to run (from 1), the optimizer <c>step_count</c>, the
/// partial-epoch sums, the options and the metrics so far as CSV lines. The shuffle of each
/// epoch is seeded by (seed, epoch), so no generator state needs saving.
/// </remarks>
/// <param name="Model">The network, θ and scaling.</param>
/// <param name="OptimizerState">The optimizer's buffers.</param>
/// <param name="StepCount">Optimizer steps taken.</param>
/// <param name="Epoch">The epoch to continue, from 1.</param>
/// <param name="Batch">The batch to continue in that epoch, from 0.</param>
/// <param name="PartialLossSum">Σ loss × samples over the epoch's finished batches.</param>
/// <param name="PartialCorrect">Correct predictions over the epoch's finished batches.</param>
/// <param name="PartialSeen">Samples in the epoch's finished batches.</param>
/// <param name="PartialSeconds">Seconds spent on the epoch's finished batches.</param>
public sealed record Checkpoint(
    ModelFile Model,
    float[][] OptimizerState,
    long StepCount,
    int Epoch,
    int Batch,
    double PartialLossSum,
    int PartialCorrect,
    int PartialSeen,
    double PartialSeconds)
{
    /// <summary>The value of the <c>format</c> metadata entry.</summary>
    public const string Format = "backprop-checkpoint";

    /// <summary>Captures a trainer's state at a position in its run.</summary>
    /// <param name="trainer">The trainer: θ and the optimizer state are copied.</param>
    /// <param name="scaling">The input scaling of the run.</param>
    /// <param name="state">The epoch and position to continue from.</param>
    /// <returns>The checkpoint, ready to save.</returns>
    public static Checkpoint Capture(Trainer trainer, InputScaling scaling, EpochState state)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(state);
        var model = new ModelFile(
            trainer.Engine.Network,
            (float[])trainer.Engine.Theta.Clone(),
            scaling,
            new Dictionary<string, string>());
        var buffers = Array.ConvertAll(trainer.Optimizer.State, b => (float[])b.Clone());
        return new Checkpoint(
            model,
            buffers,
            trainer.Optimizer.StepCount,
            state.Epoch,
            state.NextBatch,
            state.LossSum,
            state.Correct,
            state.Seen,
            state.Seconds);
    }

    /// <summary>Puts θ and the optimizer state back into a trainer of the same network.</summary>
    /// <param name="trainer">A trainer built with the checkpoint's network and optimizer.</param>
    /// <param name="source">The checkpoint's path, for messages.</param>
    /// <returns>The epoch state to continue from.</returns>
    /// <exception cref="InvalidDataException">The optimizer state does not fit the trainer.
    /// </exception>
    public EpochState RestoreInto(Trainer trainer, string source)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        if (OptimizerState.Length != trainer.Optimizer.State.Length
            || Model.Theta.Length != trainer.Engine.Theta.Length)
        {
            throw new InvalidDataException(
                $"{source}: the checkpoint's parameters or optimizer state do not match a "
                + $"{trainer.Optimizer.Kind} trainer of this network");
        }

        Model.Theta.CopyTo(trainer.Engine.Theta, 0);
        for (var i = 0; i < OptimizerState.Length; i++)
        {
            OptimizerState[i].CopyTo(trainer.Optimizer.State[i], 0);
        }

        trainer.Optimizer.StepCount = StepCount;
        return new EpochState(Epoch)
        {
            NextBatch = Batch,
            LossSum = PartialLossSum,
            Correct = PartialCorrect,
            Seen = PartialSeen,
            Seconds = PartialSeconds,
        };
    }

    /// <summary>Writes the checkpoint atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="extra">Further metadata (options, metrics so far).</param>
    public void Save(string path, IReadOnlyDictionary<string, string> extra)
    {
        var metadata = ModelFile.BuildMetadata(Model.Network, Model.Scaling, Format, extra);
        metadata["epoch"] = Text(Epoch);
        metadata["batch"] = Text(Batch);
        metadata["step_count"] = Text(StepCount);
        metadata["partial_loss_sum"] = PartialLossSum.ToString("R", CultureInfo.InvariantCulture);
        metadata["partial_correct"] = Text(PartialCorrect);
        metadata["partial_seen"] = Text(PartialSeen);
        metadata["partial_seconds"] = PartialSeconds.ToString("R", CultureInfo.InvariantCulture);
        var tensors = ModelFile.ParameterTensors(Model.Network, Model.Theta);
        for (var i = 0; i < OptimizerState.Length; i++)
        {
            var buffer = OptimizerState[i];
            tensors.Add(SafetensorsTensor.Create($"optimizer.{i}", [buffer.Length], buffer));
        }

        SafetensorsFile.Write(path, tensors, metadata);
    }

    /// <summary>Reads a checkpoint.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid checkpoint.</exception>
    public static Checkpoint Load(string path)
    {
        var content = SafetensorsFile.Read(path);
        var model = ModelFile.FromContent(path, content);
        var meta = content.Metadata;
        if (!meta.TryGetValue("format", out var format) || format != Format)
        {
            throw new InvalidDataException($"{path}: not a checkpoint (format '{format}')");
        }

        var state = new List<float[]>();
        while (content.TryGetTensor($"optimizer.{state.Count}", out var tensor))
        {
            if (tensor.DType != SafetensorsDType.F32 || tensor.ElementCount != model.Theta.Length)
            {
                throw new InvalidDataException(
                    $"{path}: optimizer state {state.Count} must be F32 of length "
                    + $"{model.Theta.Length}");
            }

            var values = tensor.ToSingleArray();
            ModelFile.CheckFinite(
                path, tensor.Name, tensor.Shape, Array.ConvertAll(values, v => (double)v));
            state.Add(values);
        }

        var correct = Long(path, meta, "partial_correct");
        var seen = Long(path, meta, "partial_seen");
        if (correct > seen)
        {
            throw new InvalidDataException(
                $"{path}: checkpoint metadata 'partial_correct' {correct} is more than "
                + $"'partial_seen' {seen}");
        }

        return new Checkpoint(
            model,
            [.. state],
            Long(path, meta, "step_count"),
            FirstEpoch(path, meta),
            (int)Long(path, meta, "batch"),
            Double(path, meta, "partial_loss_sum"),
            (int)correct,
            (int)seen,
            Double(path, meta, "partial_seconds"));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static long Long(string path, IReadOnlyDictionary<string, string> meta, string key)
    {
        if (!meta.TryGetValue(key, out var text)
            || !long.TryParse(
                text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            || value < 0
            || value > int.MaxValue)
        {
            throw new InvalidDataException(
                $"{path}: checkpoint metadata '{key}' is missing or not a count");
        }

        return value;
    }

    private static int FirstEpoch(string path, IReadOnlyDictionary<string, string> meta)
    {
        // Epochs count from 1; epoch 0 would run one epoch more than the run asked for.
        var epoch = (int)Long(path, meta, "epoch");
        return epoch >= 1
            ? epoch
            : throw new InvalidDataException(
                $"{path}: checkpoint metadata 'epoch' is 0; epochs count from 1");
    }

    private static double Double(string path, IReadOnlyDictionary<string, string> meta, string key)
    {
        if (!meta.TryGetValue(key, out var text)
            || !double.TryParse(
                text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value)
            || value < 0)
        {
            // Both partial sums (loss × samples, seconds) are sums of non-negative terms.
            throw new InvalidDataException(
                $"{path}: checkpoint metadata '{key}' is missing or not a number ≥ 0");
        }

        return value;
    }
}
