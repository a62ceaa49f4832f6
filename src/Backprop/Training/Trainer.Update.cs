using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Backprop.LinearAlgebra;
using Backprop.Threading;

namespace Backprop.Training;

/// <content>
/// The second job of a sharded step: ∇θ formed and applied in one pass over θ.
/// </content>
public sealed partial class Trainer
{
    /// <summary>Forms ∇θ and applies the optimizer, θ in pieces small enough to stay in cache
    /// between the two.</summary>
    /// <remarks>The first items each take a block of the first layer's units (when the trainer
    /// computes that layer): their rows of dW-block = dZᵀ X and entries of db = Σₙ dZ over the
    /// whole batch, then their update. The other items each take a range of the rest of θ,
    /// where ∇θ is the sum of the shards' gradients in shard order.</remarks>
    private sealed class SumAndUpdateJob(Trainer trainer) : IIndexedWork
    {
        private const int Piece = 2048;

        [ThreadStatic]
        private static float[]? scratch;
        private int count;
        private int active;
        private int parts;
        private float factor;

        public int Items =>
            parts + ((trainer.engine.Theta.Length - trainer.firstLayerEnd + RangeSize - 1)
                / RangeSize);

        public void Prepare(int batch, int activeShards, int firstLayerParts, float stepFactor)
        {
            count = batch;
            active = activeShards;
            parts = firstLayerParts;
            factor = stepFactor;
        }

        public void Execute(int item)
        {
            if (item < parts)
            {
                var (from, to) = trainer.FirstLayerPart(item, parts);
                for (var first = from; first < to; first += UnitBlock)
                {
                    FirstLayerBlock(first, Math.Min(to, first + UnitBlock));
                }

                return;
            }

            var theta = trainer.engine.Theta;
            var begin = trainer.firstLayerEnd + ((item - parts) * RangeSize);
            var end = Math.Min(theta.Length, begin + RangeSize);
            for (var from = begin; from < end; from += Piece)
            {
                var length = Math.Min(Piece, end - from);
                var sum = trainer.engine.GradientForUpdate.AsSpan(from, length);
                for (var s = 1; s < active; s++)
                {
                    TensorPrimitives.Add(sum, trainer.shards[s].Gradient.Slice(from, length), sum);
                }

                trainer.Optimizer.UpdateRange(theta.AsSpan(from, length), sum, from, factor);
            }
        }

        // The block's rows of dW-block go into this thread's own buffer, which stays in its
        // cache from block to block, and are applied from there; ∇θ's buffer is not written.
        private void FirstLayerBlock(int first, int last)
        {
            var units = trainer.firstLayerUnits;
            var inputs = trainer.engine.Network.InputSize;
            var gradient = trainer.engine.GradientForUpdate;
            var theta = trainer.engine.Theta;
            var deltas = trainer.firstLayerDeltas.AsSpan(0, count * units);
            // One buffer per thread, grown when a trainer with wider inputs uses the thread.
            if (scratch is null || scratch.Length < UnitBlock * inputs)
            {
                scratch = new float[UnitBlock * inputs];
            }

            var rows = scratch;
            // Row u of dW-block is row u − first of the buffer: A starts at column first.
            ManagedGemm.Block<float>(
                GemmProduct.TransposedA,
                deltas[first..],
                trainer.batchInputs.AsSpan(0, count * inputs),
                rows,
                units,
                count,
                inputs,
                (0, last - first),
                (0, inputs));
            var bias = units * inputs;
            SumOverSamples(deltas, units, first, last, gradient.AsSpan(bias + first, last - first));

            var length = (last - first) * inputs;
            var at = first * inputs;
            trainer.Optimizer.UpdateRange(
                theta.AsSpan(at, length), rows.AsSpan(0, length), at, factor);
            trainer.Optimizer.UpdateRange(
                theta.AsSpan(bias + first, last - first),
                gradient.AsSpan(bias + first, last - first),
                bias + first,
                factor);
        }

        // db of units [first, last): Σₙ dz_n in sample order, eight units side by side.
        private static void SumOverSamples(
            ReadOnlySpan<float> deltas, int units, int first, int last, Span<float> db)
        {
            var count = deltas.Length / units;
            var u = first;
            for (; u + Vector256<float>.Count <= last; u += Vector256<float>.Count)
            {
                var sum = Vector256<float>.Zero;
                for (var n = 0; n < count; n++)
                {
                    sum += Vector256.Create(deltas.Slice((n * units) + u, Vector256<float>.Count));
                }

                sum.CopyTo(db[(u - first)..]);
            }

            for (; u < last; u++)
            {
                var sum = 0f;
                for (var n = 0; n < count; n++)
                {
                    sum += deltas[(n * units) + u];
                }

                db[u - first] = sum;
            }
        }
    }
}
