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

    private (float Loss, bool Finite) ComputeBatchGradient(int count, int inputSize)
    {
        var outputs = engine.Network.OutputSize;
        if (shards.Length == 1)
        {
            var mean = engine.ComputeGradient(
                batchInputs.AsSpan(0, count * inputSize),
                batchTargets.AsSpan(0, count * outputs),
                count);
            return (mean, SumAndCheck(1));
        }

        // Each shard adds its samples' loss and gradient, scaled by 1/count, into its own
        // buffers; then ∇θ = Σ_s ∇θ_s in shard order, range by range over θ.
        var active = ActiveShards(count);
        shardJob.Prepare(count, active, inputSize);
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
        for (var s = 0; s < active; s++)
        {
            loss += shardJob.Loss[s];
        }

        return (loss, SumAndCheck(active));
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

    /// <summary>Computes the shards of a batch, one item per shard.</summary>
    private sealed class ShardJob(Trainer trainer) : IIndexedWork
    {
        private int count;
        private int active;
        private int inputSize;

        public float[] Loss { get; } = new float[trainer.shards.Length];

        public void Prepare(int batch, int activeShards, int inputs)
        {
            count = batch;
            active = activeShards;
            inputSize = inputs;
        }

        public void Execute(int item)
        {
            var (from, to) = ShardRange(item, active, count);
            var outputs = trainer.engine.Network.OutputSize;
            Loss[item] = trainer.shards[item].ComputeGradient(
                trainer.batchInputs.AsSpan(from * inputSize, (to - from) * inputSize),
                trainer.batchTargets.AsSpan(from * outputs, (to - from) * outputs),
                to - from,
                1f / count);
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
