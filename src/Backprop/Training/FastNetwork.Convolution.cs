using System.Numerics;
using System.Numerics.Tensors;
using Backprop.Layers;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using Backprop.Threading;

namespace Backprop.Training;

/// <content>
/// The fast engine's convolution and max-pooling passes: per sample im2col, Z = K P + b, and
/// back dK = dZ Pᵀ, dP = Kᵀ dZ folded back by col2im; samples split over threads in chunks.
/// </content>
public sealed partial class FastNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private void ConvForward(int layer, int worker, int from, int to)
    {
        // Per sample: P = im2col(X), Z = K P + b (K as filters × C·kh·kw).
        var g = geometries[layer];
        var filters = units[layer] / g.OutputArea;
        var aPrev = layer == 0 ? x : a[layer - 1];
        var K = Theta.AsMemory(weightOffsets[layer], filters * g.PatchSize);
        var b = Theta.AsSpan(weightOffsets[layer] + (filters * g.PatchSize), filters);
        for (var sample = from; sample < to; sample++)
        {
            var P = patches[layer][keepPatches[layer] ? sample : worker];
            Conv2dLayer.Im2col<T>(aPrev.AsSpan(sample * inputs[layer], inputs[layer]), g, P);
            var Z = z[layer].AsMemory(sample * units[layer], units[layer]);
            Gemm.MultiplySerial<T>(K, P, Z, filters, g.PatchSize, g.OutputArea);
            for (var f = 0; f < filters; f++)
            {
                var zRow = Z.Span.Slice(f * g.OutputArea, g.OutputArea);
                TensorPrimitives.Add(zRow, b[f], zRow);
            }
        }
    }

    private void PoolForward(int layer, int batch)
    {
        var aPrev = layer == 0 ? x : a[layer - 1];
        var (m, n) = (inputs[layer], units[layer]);
        for (var sample = 0; sample < batch; sample++)
        {
            MaxPool2dLayer.Forward<T>(
                aPrev.AsSpan(sample * m, m),
                geometries[layer],
                z[layer].AsSpan(sample * n, n),
                argmax[layer].AsSpan(sample * n, n));
        }
    }

    private void ConvBackward(int layer, int batch)
    {
        // Per sample (in parallel): dK slot = dZ Pᵀ and dX = col2im(Kᵀ dZ); then in sample
        // order dK = Σₙ slots and db = Σₙ Σ_(r,s) dZ.
        InChunks(batch, layer, backward: true);
        var g = geometries[layer];
        var filters = units[layer] / g.OutputArea;
        var kernelCount = filters * g.PatchSize;
        var dK = gradient.AsSpan(weightOffsets[layer], kernelCount);
        var db = gradient.AsSpan(weightOffsets[layer] + kernelCount, filters);
        dK.Clear();
        db.Clear();
        for (var sample = 0; sample < batch; sample++)
        {
            TensorPrimitives.Add(dK, dKSlots[layer].AsSpan(sample * kernelCount, kernelCount), dK);
            for (var f = 0; f < filters; f++)
            {
                var start = (sample * units[layer]) + (f * g.OutputArea);
                var dZ = dz[layer].AsSpan(start, g.OutputArea);
                db[f] += TensorPrimitives.Sum<T>(dZ);
            }
        }
    }

    private void ConvBackwardSamples(int layer, int worker, int from, int to)
    {
        var g = geometries[layer];
        var filters = units[layer] / g.OutputArea;
        var kernelCount = filters * g.PatchSize;
        var aPrev = layer == 0 ? x : a[layer - 1];
        var K = Theta.AsMemory(weightOffsets[layer], kernelCount);
        var dP = dPatches[layer][worker];
        var target = layer > 0 && !hasActivation[layer - 1] ? dz[layer - 1] : da;
        var m = inputs[layer];
        for (var sample = from; sample < to; sample++)
        {
            var dZ = dz[layer].AsMemory(sample * units[layer], units[layer]);
            var P = patches[layer][keepPatches[layer] ? sample : worker];
            if (!keepPatches[layer])
            {
                Conv2dLayer.Im2col<T>(aPrev.AsSpan(sample * m, m), g, P);
            }

            var slot = dKSlots[layer].AsMemory(sample * kernelCount, kernelCount);
            Gemm.MultiplyTransposedBSerial<T>(dZ, P, slot, filters, g.OutputArea, g.PatchSize);
            if (layer == 0)
            {
                continue;
            }

            Gemm.MultiplyTransposedASerial<T>(K, dZ, dP, g.PatchSize, filters, g.OutputArea);
            var dX = target.AsSpan(sample * m, m);
            dX.Clear();
            Conv2dLayer.Col2imAdd<T>(dP, g, dX);
        }
    }

    private void InChunks(int batch, int layer, bool backward)
    {
        var chunks = SerialProducts ? 1 : Math.Min(Math.Min(workers, Gemm.MaxThreads), batch);
        if (chunks <= 1)
        {
            RunChunk(layer, backward, 0, 0, batch);
            return;
        }

        chunkJob ??= new ChunkJob(this);
        chunkJob.Prepare(layer, backward, batch, chunks);
        WorkerTeam.Shared.Run(chunkJob, chunks, chunks);
    }

    private void RunChunk(int layer, bool backward, int worker, int from, int to)
    {
        if (backward)
        {
            ConvBackwardSamples(layer, worker, from, to);
        }
        else
        {
            ConvForward(layer, worker, from, to);
        }
    }

    // A convolution layer's geometry and its buffers for patch matrices and their gradients.
    private void AllocateConvolution(
        int layer, Conv2dLayerDescription conv, IReadOnlyList<int> inputShape, int batchCapacity)
    {
        var g = ConvolutionGeometry.Of(conv, inputShape);
        geometries[layer] = g;
        // The forward pass keeps each sample's patch matrix for the backward pass when they
        // fit in KeptPatchLimit entries; otherwise backward builds them again per worker.
        var patchSize = g.PatchSize * g.OutputArea;
        keepPatches[layer] = (long)batchCapacity * patchSize <= KeptPatchLimit;
        patches[layer] = new T[keepPatches[layer] ? batchCapacity : workers][];
        for (var slot = 0; slot < patches[layer].Length; slot++)
        {
            patches[layer][slot] = new T[patchSize];
        }

        dPatches[layer] = new T[workers][];
        for (var w = 0; w < workers; w++)
        {
            dPatches[layer][w] = new T[patchSize];
        }

        dKSlots[layer] = new T[batchCapacity * conv.Filters * g.PatchSize];
    }

    /// <summary>A convolution pass over the batch, one chunk of samples per item.</summary>
    private sealed class ChunkJob(FastNetwork<T> engine) : IIndexedWork
    {
        private int layer;
        private bool backward;
        private int batch;
        private int chunks;

        public void Prepare(int convolution, bool isBackward, int samples, int chunkCount)
        {
            layer = convolution;
            backward = isBackward;
            batch = samples;
            chunks = chunkCount;
        }

        public void Execute(int item) =>
            engine.RunChunk(
                layer, backward, item, item * batch / chunks, (item + 1) * batch / chunks);
    }
}
