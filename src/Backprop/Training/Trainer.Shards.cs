using System.Numerics.Tensors;
using Backprop.LinearAlgebra;
using Backprop.Threading;

namespace Backprop.Training;

/// <content>
/// Shards: a batch cut by its size alone into parts that threads compute independently, and
/// the range-by-range sum of their gradients.
/// </content>
public sealed partial class Trainer
{
    private static int ShardCount(int batch, int parameterCount)
    {
        var byBatch = Math.Clamp(batch / ShardSize, 1, MaxShards);
        var byMemory = (int)Math.Clamp(MaxShardBuffers / Math.Max(1, parameterCount), 0, MaxShards);
        return Math.Max(1, Math.Min(byBatch, byMemory + 1));
    }

    private int ActiveShards(int count) => Math.Min(shards.Length, count);

    private static (int From, int To) ShardRange(int shard, int shardCount, int count) =>
        (shard * count / shardCount, (shard + 1) * count / shardCount);

    // One step on a batch: gather it, ∇θ of its mean loss, then the optimizer. Returns false,
    // with θ untouched, when the loss or ∇θ is not finite.
    private (float Loss, bool Updated) TrainOnBatch(
        TrainingData train, int start, int count, float eta)
    {
        var outputs = engine.Network.OutputSize;
        if (shards.Length == 1)
        {
            Gather(train, start, (0, count), 0);
            var mean = engine.ComputeGradient(
                batchInputs.AsSpan(0, count * train.InputSize),
                batchTargets.AsSpan(0, count * outputs),
                count);
            return float.IsFinite(mean) && SumAndCheck(1)
                ? (mean, Update(eta))
                : (mean, false);
        }

        // Each shard gathers its samples and adds their loss and gradient, scaled by 1/count,
        // into its own buffers (for a dense first layer only dZ^[1]); then the update job forms
        // ∇θ (Σ_s ∇θ_s in shard order; the first layer over the whole batch) and applies it.
        var active = ActiveShards(count);
        var parts = FirstLayerParts();
        engine.SerialProducts = true;
        try
        {
            // The first layer's product over the whole batch by blocks of units, when every
            // shard has the samples for the transposed product it would compute itself (the
            // same sums): each thread then reads, and later updates, only its own rows of W1.
            if (firstLayerEnd > 0 && count / active >= FastNetwork<float>.TransposedForwardBatch)
            {
                shardJob.Prepare(train, start, (count, active), ShardPhase.Gather);
                WorkerTeam.Shared.Run(shardJob, active, Threads);
                firstLayerJob.Prepare(count, active, parts);
                WorkerTeam.Shared.Run(firstLayerJob, parts, Threads);
                shardJob.Prepare(train, start, (count, active), ShardPhase.AfterFirstLayer);
            }
            else
            {
                shardJob.Prepare(train, start, (count, active), ShardPhase.Whole);
            }

            WorkerTeam.Shared.Run(shardJob, active, Threads);
        }
        finally
        {
            engine.SerialProducts = false;
        }

        var loss = 0f;
        var bound = 0.0;
        var (delta, input) = (0.0, 0.0);
        for (var s = 0; s < active; s++)
        {
            loss += shardJob.Loss[s];
            bound += shardJob.Magnitude[s];
            delta += shardJob.DeltaMagnitude[s];
            input = Math.Max(input, shardJob.PeakInput[s]);
        }

        if (!float.IsFinite(loss))
        {
            return (loss, false);
        }

        if (Options.ClipNorm is > 0)
        {
            // Clipping needs the norm of the whole sum before any update.
            return SumAndCheck(active) ? (loss, Update(eta)) : (loss, false);
        }

        // Every entry of Σ_s ∇θ_s is at most Σ_s Σ_i |∇θ_s,i| in size, so the sum is finite when
        // that bound is (a NaN makes it NaN; half the largest float leaves room for rounding):
        // the sum and the update can then share one pass over θ. The first layer's entries,
        // Σₙ dz_{n,u} x_{n,i} (dz already scaled), are at most max|x| Σ_{n,u} |dz_{n,u}|.
        // Sums of magnitudes are used because they cost a fraction of a maximum that keeps NaN.
        var firstBound = delta * input;
        if (!(bound < float.MaxValue / 2) || !(firstBound < float.MaxValue / 2))
        {
            return (loss, false);
        }

        updateJob.Prepare(count, active, parts, Optimizer.BeginStep(eta));
        WorkerTeam.Shared.Run(updateJob, updateJob.Items, Threads);
        return (loss, true);
    }

    private bool Update(float eta)
    {
        var gradient = engine.GradientForUpdate;
        ClipGradient(gradient);
        Optimizer.Step(engine.Theta, gradient, eta, Threads);
        return true;
    }

    // Adds the active shards' gradients into the first (nothing to add for one shard) and
    // checks every range of ∇θ for NaN and ∞, range by range over threads.
    private bool SumAndCheck(int active)
    {
        var ranges = (engine.Theta.Length + RangeSize - 1) / RangeSize;
        reduceJob.Prepare(active, ranges);
        WorkerTeam.Shared.Run(reduceJob, ranges, Threads);
        return reduceJob.AllFinite;
    }

    /// <summary>Gathers and computes the shards of a batch, one item per shard.</summary>
    private sealed class ShardJob(Trainer trainer) : IIndexedWork
    {
        private TrainingData? train;
        private int start;
        private int count;
        private int active;
        private ShardPhase phase;

        public float[] Loss { get; } = new float[trainer.shards.Length];

        // Σ|∇θ_s| of each shard past the first layer when the trainer computes that layer (NaN
        // when it holds a NaN); then Σ|dz^[1]| and max|x| of its samples.
        public float[] Magnitude { get; } = new float[trainer.shards.Length];

        public float[] DeltaMagnitude { get; } = new float[trainer.shards.Length];

        public float[] PeakInput { get; } = new float[trainer.shards.Length];

        public void Prepare(
            TrainingData data, int batchStart, (int Count, int Active) batch, ShardPhase part)
        {
            train = data;
            start = batchStart;
            (count, active) = batch;
            phase = part;
        }

        public void Execute(int item)
        {
            var (from, to) = ShardRange(item, active, count);
            var inputSize = train!.InputSize;
            var outputs = trainer.engine.Network.OutputSize;
            var shard = trainer.shards[item];
            var inputs = trainer.batchInputs.AsSpan(from * inputSize, (to - from) * inputSize);
            var targets = trainer.batchTargets.AsSpan(from * outputs, (to - from) * outputs);
            switch (phase)
            {
                case ShardPhase.Gather:
                    // The samples also become columns from … to of the transposed inputs.
                    trainer.Gather(train, start, (from, to), item);
                    Transposition.Transpose<float>(
                        inputs,
                        inputSize,
                        to - from,
                        inputSize,
                        trainer.transposedInputs.AsSpan(from),
                        count);
                    return;
                case ShardPhase.AfterFirstLayer:
                    Loss[item] = shard.ComputeGradientAfterFirstLayer(
                        targets, to - from, 1f / count);
                    break;
                default:
                    trainer.Gather(train, start, (from, to), item);
                    Loss[item] = shard.ComputeGradient(inputs, targets, to - from, 1f / count);
                    break;
            }

            var rest = shard.Gradient[trainer.firstLayerEnd..];
            Magnitude[item] = TensorPrimitives.SumOfMagnitudes<float>(rest);
            if (trainer.firstLayerEnd > 0)
            {
                var units = trainer.firstLayerUnits;
                var delta = shard.FirstLayerDelta(to - from);
                delta.CopyTo(trainer.firstLayerDeltas.AsSpan(from * units));
                DeltaMagnitude[item] = TensorPrimitives.SumOfMagnitudes(delta);
                PeakInput[item] = train.InputBound
                    ?? MathF.Abs(TensorPrimitives.MaxMagnitude<float>(inputs));
            }
        }
    }

    /// <summary>Adds the shards' gradients into the first, one range of θ per item.</summary>
    private sealed class ReduceJob(Trainer trainer) : IIndexedWork
    {
        private int active;
        private bool[] finite = [];

        public bool AllFinite => Array.TrueForAll(finite, f => f);

        public void Prepare(int activeShards, int ranges)
        {
            active = activeShards;
            if (finite.Length != ranges)
            {
                finite = new bool[ranges];
            }
        }

        public void Execute(int item)
        {
            var from = item * RangeSize;
            var length = Math.Min(RangeSize, trainer.engine.Theta.Length - from);
            var sum = trainer.engine.GradientForUpdate.AsSpan(from, length);
            for (var s = 1; s < active; s++)
            {
                TensorPrimitives.Add(sum, trainer.shards[s].Gradient.Slice(from, length), sum);
            }

            finite[item] = float.IsFinite(TensorPrimitives.Sum<float>(sum));
        }
    }
}
