using System.Numerics.Tensors;
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

    // One SGD step on a gathered batch: ∇θ of its mean loss, then the optimizer. Returns false,
    // with θ untouched, when the loss or ∇θ is not finite.
    private (float Loss, bool Updated) TrainOnBatch(
        TrainingData train, int start, int count, float eta)
    {
        var outputs = engine.Network.OutputSize;
        if (shards.Length == 1)
        {
            Gather(train, start, 0, count);
            var mean = engine.ComputeGradient(
                batchInputs.AsSpan(0, count * train.InputSize),
                batchTargets.AsSpan(0, count * outputs),
                count);
            return float.IsFinite(mean) && SumAndCheck(1)
                ? (mean, Update(eta))
                : (mean, false);
        }

        // Each shard gathers its samples and adds their loss and gradient, scaled by 1/count,
        // into its own buffers; then ∇θ = Σ_s ∇θ_s in shard order, range by range over θ.
        var active = ActiveShards(count);
        shardJob.Prepare(train, start, count, active);
        engine.SerialProducts = true;
        try
        {
            WorkerTeam.Shared.Run(shardJob, active, Threads);
        }
        finally
        {
            engine.SerialProducts = false;
        }

        var loss = 0f;
        var bound = 0.0;
        for (var s = 0; s < active; s++)
        {
            loss += shardJob.Loss[s];
            bound += shardJob.Peak[s];
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

        // |Σ_s ∇θ_s| ≤ Σ_s max|∇θ_s| entry by entry, so the sum is finite when that bound is
        // (a NaN makes it NaN): the sum and the update can then share one pass over θ.
        if (!(bound <= float.MaxValue))
        {
            return (loss, false);
        }

        var ranges = (engine.Theta.Length + RangeSize - 1) / RangeSize;
        updateJob.Prepare(active, Optimizer.BeginStep(eta));
        WorkerTeam.Shared.Run(updateJob, ranges, Threads);
        return (loss, true);
    }

    private bool Update(float eta)
    {
        ClipGradient(engine.Gradient);
        Optimizer.Step(engine.Theta, engine.Gradient, eta, Threads);
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

        public float[] Loss { get; } = new float[trainer.shards.Length];

        // max|∇θ_s| of each shard (NaN when it holds a NaN).
        public float[] Peak { get; } = new float[trainer.shards.Length];

        public void Prepare(TrainingData data, int batchStart, int batch, int activeShards)
        {
            train = data;
            start = batchStart;
            count = batch;
            active = activeShards;
        }

        public void Execute(int item)
        {
            var (from, to) = ShardRange(item, active, count);
            var inputSize = train!.InputSize;
            var outputs = trainer.engine.Network.OutputSize;
            trainer.Gather(train, start, from, to);
            var shard = trainer.shards[item];
            Loss[item] = shard.ComputeGradient(
                trainer.batchInputs.AsSpan(from * inputSize, (to - from) * inputSize),
                trainer.batchTargets.AsSpan(from * outputs, (to - from) * outputs),
                to - from,
                1f / count);
            Peak[item] = MathF.Abs(TensorPrimitives.MaxMagnitude<float>(shard.Gradient));
        }
    }

    /// <summary>Adds the shards' gradients into the first and applies the optimizer, one range
    /// of θ per item, in pieces small enough to stay in the first-level cache between the two.
    /// </summary>
    private sealed class SumAndUpdateJob(Trainer trainer) : IIndexedWork
    {
        private const int Piece = 2048;
        private int active;
        private float factor;

        public void Prepare(int activeShards, float stepFactor)
        {
            active = activeShards;
            factor = stepFactor;
        }

        public void Execute(int item)
        {
            var theta = trainer.engine.Theta;
            var end = Math.Min(theta.Length, (item + 1) * RangeSize);
            for (var from = item * RangeSize; from < end; from += Piece)
            {
                var length = Math.Min(Piece, end - from);
                var sum = trainer.engine.Gradient.AsSpan(from, length);
                for (var s = 1; s < active; s++)
                {
                    TensorPrimitives.Add(sum, trainer.shards[s].Gradient.AsSpan(from, length), sum);
                }

                trainer.Optimizer.UpdateRange(theta.AsSpan(from, length), sum, from, factor);
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
            var sum = trainer.engine.Gradient.AsSpan(from, length);
            for (var s = 1; s < active; s++)
            {
                TensorPrimitives.Add(sum, trainer.shards[s].Gradient.AsSpan(from, length), sum);
            }

            finite[item] = float.IsFinite(TensorPrimitives.Sum<float>(sum));
        }
    }
}
