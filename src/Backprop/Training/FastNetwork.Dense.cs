using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Backprop.LinearAlgebra;
using Backprop.Threading;

namespace Backprop.Training;

/// <content>
/// The fast engine's dense-layer passes: Z = A_prev Wᵀ + b forward, and back dW-block =
/// dZᵀ A_prev, db = Σₙ dZ, dA_prev = dZ W-block, each product over the whole batch.
/// </content>
public sealed partial class FastNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // From this many samples a dense layer's forward product is computed transposed.
    internal static readonly int TransposedForwardBatch = 2 * Vector256<T>.Count;

    // Up to this many samples, a large dense layer's products are split by units over threads.
    private const int UnitSplitBatch = 4;

    // A dense layer with at least this many weights counts as large.
    private const int UnitSplitWeights = 1 << 15;

    private UnitJob? unitJob;

    private void DenseForward(int layer, int batch, bool transposed)
    {
        // Z = A_prev Wᵀ + b, the batch as rows.
        var n = units[layer];
        var m = inputs[layer];
        var aPrev = layer == 0 ? x : a[layer - 1];
        var W = Theta.AsMemory(weightOffsets[layer], n * m);
        if (ByUnits(layer, batch) is var parts and > 1)
        {
            RunByUnits(layer, batch, parts, backward: false);
        }
        else if (transposed)
        {
            // Zᵀ = W-block · A_prevᵀ: with the batch as columns the broadcast kernels run at
            // full width; the two transpositions cost far less than the product gains.
            Transposition.Transpose<T>(aPrev, batch, m, transposedInput);
            var shape = (n, m, batch);
            Gemm.Compute<T>(
                GemmProduct.Plain, W, transposedInput, transposedOutput, shape, SerialProducts);
            Transposition.Transpose<T>(transposedOutput, n, batch, z[layer]);
        }
        else
        {
            var shape = (batch, m, n);
            Gemm.Compute<T>(GemmProduct.TransposedB, aPrev, W, z[layer], shape, SerialProducts);
        }

        var b = Theta.AsSpan(weightOffsets[layer] + (n * inputs[layer]), n);
        for (var row = 0; row < batch; row++)
        {
            var zRow = z[layer].AsSpan(row * n, n);
            TensorPrimitives.Add(zRow, b, zRow);
        }
    }

    private void DenseBackward(int layer, int batch, T[] target)
    {
        // dW-block = dZᵀ A_prev, db = Σₙ dZ, dA_prev = dZ W-block.
        if (layer == 0 && SkipFirstLayerGradient)
        {
            return;
        }

        var n = units[layer];
        var m = inputs[layer];
        var aPrev = layer == 0 ? x : a[layer - 1];
        var dW = gradient.AsMemory(weightOffsets[layer], n * m);
        var serial = SerialProducts;
        if (ByUnits(layer, batch) is var parts and > 1)
        {
            RunByUnits(layer, batch, parts, backward: true);
        }
        else if (batch <= UnitSplitBatch)
        {
            FewSampleWeightGradient(layer, batch, (0, n));
        }
        else
        {
            Gemm.Compute<T>(GemmProduct.TransposedA, dz[layer], aPrev, dW, (n, batch, m), serial);
            Array.Clear(zeroRows[layer]);
        }

        var db = gradient.AsSpan(weightOffsets[layer] + (n * m), n);
        db.Clear();
        for (var row = 0; row < batch; row++)
        {
            TensorPrimitives.Add(db, dz[layer].AsSpan(row * n, n), db);
        }

        if (layer > 0)
        {
            var W = Theta.AsMemory(weightOffsets[layer], n * m);
            Gemm.Compute<T>(GemmProduct.Plain, dz[layer], W, target, (batch, n, m), serial);
        }
    }

    // The number of unit blocks for a few-sample product of a large layer, else 1. Such a
    // product streams the whole weight block through memory for little arithmetic; split by
    // units, forward (z = W-block a) and backward (dW-block = dz aᵀ) alike, each thread reads
    // and writes the same rows of θ and ∇θ, which stay in its own cache from call to call.
    private int ByUnits(int layer, int batch)
    {
        var threads = Gemm.MaxThreads;
        return SerialProducts || threads < 2 || batch > UnitSplitBatch
            || units[layer] < 2 * threads || (long)units[layer] * inputs[layer] < UnitSplitWeights
            ? 1
            : threads;
    }

    private void RunByUnits(int layer, int batch, int parts, bool backward)
    {
        unitJob ??= new UnitJob(this);
        unitJob.Prepare(layer, batch, parts, backward);
        WorkerTeam.Shared.Run(unitJob, parts, parts);
    }

    // One block of units [from, to) of a dense layer's forward product (those entries of each
    // sample's z) or of its weight gradient (those rows of dW-block). The kernels sum each entry
    // in an order that depends only on the inner dimension, so any split gives the same bits.
    private void UnitBlock(int layer, int batch, (int From, int To) block, bool backward)
    {
        var n = units[layer];
        var m = inputs[layer];
        var aPrev = (layer == 0 ? x : a[layer - 1]).AsSpan(0, batch * m);
        if (backward)
        {
            FewSampleWeightGradient(layer, batch, block);
        }
        else
        {
            ManagedGemm.Block<T>(
                GemmProduct.TransposedB,
                aPrev,
                Theta.AsSpan(weightOffsets[layer], n * m),
                z[layer].AsSpan(0, batch * n),
                batch,
                m,
                n,
                (0, batch),
                block);
        }
    }

    // Clears the zero-row flags when someone else may have written ∇θ since the last call.
    private void ForgetZeroRowsIfStale()
    {
        if (zeroRowsKnown)
        {
            return;
        }

        foreach (var rows in zeroRows)
        {
            Array.Clear(rows);
        }

        zeroRowsKnown = true;
    }

    // Rows [from, to) of a dense layer's dW-block = dZᵀ A_prev for a few samples, one pass over
    // each row. A unit whose dz is zero in every sample has a zero row, written only when ∇θ may
    // not hold zeros there yet.
    private void FewSampleWeightGradient(int layer, int batch, (int From, int To) rows)
    {
        var n = units[layer];
        var m = inputs[layer];
        var delta = dz[layer].AsSpan(0, batch * n);
        var aPrev = (layer == 0 ? x : a[layer - 1]).AsSpan(0, batch * m);
        var dW = gradient.AsSpan(weightOffsets[layer], n * m);
        var zero = zeroRows[layer];
        for (var unit = rows.From; unit < rows.To; unit++)
        {
            if (!IsOff(delta, n, batch, unit))
            {
                ManagedGemm.TransposedARow(delta, aPrev, dW, n, batch, m, unit);
                zero[unit] = false;
            }
            else if (!zero[unit])
            {
                dW.Slice(unit * m, m).Clear();
                zero[unit] = true;
            }
        }
    }

    // Whether a unit's dz is zero in every sample of the batch.
    private static bool IsOff(ReadOnlySpan<T> delta, int n, int batch, int unit)
    {
        for (var sample = 0; sample < batch; sample++)
        {
            if (delta[(sample * n) + unit] != T.Zero)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A dense product split by units, one block per item.</summary>
    private sealed class UnitJob(FastNetwork<T> engine) : IIndexedWork
    {
        private int layer;
        private int batch;
        private int parts;
        private bool backward;

        public void Prepare(int dense, int samples, int count, bool isBackward)
        {
            layer = dense;
            batch = samples;
            parts = count;
            backward = isBackward;
        }

        public void Execute(int item)
        {
            var n = engine.units[layer];
            engine.UnitBlock(
                layer, batch, (item * n / parts, (item + 1) * n / parts), backward);
        }
    }
}
