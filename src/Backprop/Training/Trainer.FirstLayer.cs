using System.Numerics.Tensors;
using Backprop.LinearAlgebra;
using Backprop.Threading;

namespace Backprop.Training;

/// <content>
/// A dense first layer over the whole batch, by blocks of units. Its weights are most of θ:
/// LeNet-300-100's W1 is 0.94 MB. When every thread read all of W1 for its shard and then
/// updated some of it, half of W1 moved between the cores' caches on every step (about 8 % of a
/// step on two cores). Here the forward product, the weight gradient and the update of one
/// part of the units run as item p of their jobs, which the calling thread takes first, so each
/// core mostly keeps its own rows of W1.
/// </content>
public sealed partial class Trainer
{
    // Units per block of the first layer's gradient and update (five 6-row strips of the
    // product's tiles), and the granule the parts are cut in (one strip).
    private const int UnitBlock = 30;
    private const int UnitGranule = 6;

    /// <summary>What a shard item does in a step.</summary>
    private enum ShardPhase
    {
        /// <summary>Gathers its samples and computes their whole gradient.</summary>
        Whole,

        /// <summary>Gathers its samples into the batch and its transposed inputs.</summary>
        Gather,

        /// <summary>Computes its samples' gradient from z^[1], which the trainer has set.
        /// </summary>
        AfterFirstLayer,
    }

    // As many parts as threads, at most one per granule.
    private int FirstLayerParts() =>
        firstLayerUnits == 0
            ? 0
            : Math.Min(Threads, (firstLayerUnits + UnitGranule - 1) / UnitGranule);

    // Units [from, to) of part p: whole granules, shared out evenly.
    private (int From, int To) FirstLayerPart(int part, int parts)
    {
        var granules = (firstLayerUnits + UnitGranule - 1) / UnitGranule;
        var from = part * granules / parts * UnitGranule;
        var to = Math.Min(firstLayerUnits, (part + 1) * granules / parts * UnitGranule);
        return (from, to);
    }

    /// <summary>Z^[1] of the whole batch, one part of the units per item, into every shard.
    /// </summary>
    /// <remarks>Zᵀ = W-block · Xᵀ over the batch's columns: each entry is the sum the shard's
    /// own transposed product would give, so the result does not depend on the parts.
    /// </remarks>
    private sealed class FirstLayerJob(Trainer trainer) : IIndexedWork
    {
        private int count;
        private int active;
        private int parts;

        public void Prepare(int batch, int activeShards, int firstLayerParts)
        {
            count = batch;
            active = activeShards;
            parts = firstLayerParts;
        }

        public void Execute(int item)
        {
            var (from, to) = trainer.FirstLayerPart(item, parts);
            var units = trainer.firstLayerUnits;
            var inputs = trainer.engine.Network.InputSize;
            var theta = trainer.engine.Theta;
            var output = trainer.firstLayerOutput.AsSpan(0, units * count);
            ManagedGemm.Block<float>(
                GemmProduct.Plain,
                theta.AsSpan(0, units * inputs),
                trainer.transposedInputs.AsSpan(0, inputs * count),
                output,
                units,
                inputs,
                count,
                (from, to),
                (0, count));
            var bias = theta.AsSpan((units * inputs) + from, to - from);
            for (var s = 0; s < active; s++)
            {
                // Rows from … to of Zᵀ, the shard's columns, become its samples' entries.
                var (first, last) = ShardRange(s, active, count);
                var z = trainer.shards[s].FirstLayerPreActivations(last - first);
                var block = output[((from * count) + first)..];
                Transposition.Transpose<float>(
                    block, count, to - from, last - first, z[from..], units);
                for (var n = 0; n < last - first; n++)
                {
                    var row = z.Slice((n * units) + from, to - from);
                    TensorPrimitives.Add(row, bias, row);
                }
            }
        }
    }
}
