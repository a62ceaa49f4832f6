using System.Numerics;
using System.Numerics.Tensors;
using Backprop.Activations;
using Backprop.Layers;
using Backprop.LinearAlgebra;
using Backprop.Losses;
using Backprop.Networks;

namespace Backprop.Training;

/// <summary>
/// The fast engine: the gradient of a mini-batch as right-to-left vector–Jacobian products,
/// evaluated as matrix products over the batch.
/// </summary>
/// <remarks>
/// θ and ∇θ are single contiguous buffers in θ order. A dense layer's block Vec(W) is W's
/// columns stacked, which is Wᵀ stored row-major (units × inputs); so with the batch as rows,
/// forward is Z = A_prev · Wᵀ-block transposed (an A·Bᵀ product), and backward is
/// dW-block = dZᵀ · A_prev, db = Σₙ dZ, dA_prev = dZ · W-block. A convolution lowers each
/// sample to its patch matrix P = im2col(X) and computes Z = K P, dK = Σₙ dZ Pᵀ and
/// dX = col2im(Kᵀ dZ), splitting the batch over threads with per-sample dK slots summed in
/// sample order, so results do not depend on the thread count. Max-pooling records the first
/// maximum of each window; flatten reuses its input's buffer. Buffers are sized once for the
/// largest batch; a step allocates nothing per sample.
/// </remarks>
/// <typeparam name="T">float for training, double for verification.</typeparam>
public sealed partial class FastNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Entries of patch matrices a convolution layer may keep from forward to backward.
    private const long KeptPatchLimit = 1 << 24;

    private readonly int layerCount;
    private readonly LayerDescription[] kinds;
    private readonly int[] units;
    private readonly int[] inputs;
    private readonly int[] weightOffsets;
    private readonly Activation[] activations;
    private readonly bool[] hasActivation;
    private readonly ConvolutionGeometry[] geometries;
    private readonly int[][] argmax;
    private readonly T[][][] patches;
    private readonly T[][][] dPatches;
    private readonly bool[] keepPatches;
    private readonly T[][] dKSlots;
    private readonly int workers;
    private readonly OutputHead head;
    private readonly T[] x;
    private readonly T[] y;
    private readonly T[] yHat;
    private readonly T[][] z;
    private readonly T[][] a;
    private readonly T[][] dz;
    private readonly T[] da;
    private readonly T[] transposedInput;
    private readonly T[] transposedOutput;
    private readonly T[] gradient;

    // Per dense layer, the rows of its dW-block that hold zeros in ∇θ (few-sample products).
    private readonly bool[][] zeroRows;

    // False once someone else may have written ∇θ; the next computation forgets zeroRows.
    private bool zeroRowsKnown;
    private ChunkJob? chunkJob;

    /// <summary>Initializes the engine with zero parameters.</summary>
    /// <param name="network">The network.</param>
    /// <param name="batchCapacity">The largest batch a step will be given.</param>
    public FastNetwork(NetworkDescription network, int batchCapacity)
        : this(network, batchCapacity, null)
    {
    }

    /// <summary>Initializes an engine that reads θ from a buffer it shares with others.</summary>
    /// <remarks>The trainer's shards: each computes ∇θ of its part of a batch into its own
    /// gradient buffer from the one θ.</remarks>
    /// <param name="network">The network.</param>
    /// <param name="batchCapacity">The largest batch a step will be given.</param>
    /// <param name="theta">θ to share, or null for a buffer of its own.</param>
    internal FastNetwork(NetworkDescription network, int batchCapacity, T[]? theta)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchCapacity);
        Network = network;
        BatchCapacity = batchCapacity;
        layerCount = network.Layers.Count;
        kinds = [.. network.Layers];
        units = new int[layerCount];
        inputs = new int[layerCount];
        weightOffsets = new int[layerCount];
        activations = new Activation[layerCount];
        hasActivation = new bool[layerCount];
        geometries = new ConvolutionGeometry[layerCount];
        argmax = new int[layerCount][];
        patches = new T[layerCount][][];
        dPatches = new T[layerCount][][];
        keepPatches = new bool[layerCount];
        dKSlots = new T[layerCount][];
        workers = Math.Max(1, Math.Min(Gemm.MaxThreads, batchCapacity));
        z = new T[layerCount][];
        a = new T[layerCount][];
        dz = new T[layerCount][];
        x = new T[batchCapacity * network.InputSize];
        var widest = network.InputSize;
        for (var layer = 0; layer < layerCount; layer++)
        {
            units[layer] = network.LayerOutputSize(layer);
            inputs[layer] = network.LayerInputSize(layer);
            widest = Math.Max(widest, units[layer]);
            Allocate(layer, batchCapacity);
        }

        head = new OutputHead(network.OutputActivation, network.Loss);
        y = new T[batchCapacity * network.OutputSize];
        yHat = new T[batchCapacity * network.OutputSize];
        da = new T[batchCapacity * widest];
        // Room for the transposed forward pass of the widest dense layer.
        var (widestIn, widestOut) = (0, 0);
        for (var layer = 0; layer < layerCount; layer++)
        {
            if (kinds[layer] is DenseLayerDescription && batchCapacity >= TransposedForwardBatch)
            {
                widestIn = Math.Max(widestIn, inputs[layer]);
                widestOut = Math.Max(widestOut, units[layer]);
            }
        }

        transposedInput = new T[batchCapacity * widestIn];
        transposedOutput = new T[batchCapacity * widestOut];
        if (theta is not null && theta.Length != network.ParameterCount)
        {
            throw new ArgumentException(
                $"θ has length {theta.Length}; the network has {network.ParameterCount}.",
                nameof(theta));
        }

        Theta = theta ?? new T[network.ParameterCount];
        gradient = new T[network.ParameterCount];
        zeroRows = new bool[layerCount][];
        for (var layer = 0; layer < layerCount; layer++)
        {
            zeroRows[layer] = kinds[layer] is DenseLayerDescription ? new bool[units[layer]] : [];
        }
    }

    /// <summary>Gets the network.</summary>
    public NetworkDescription Network { get; }

    /// <summary>Gets the largest batch a step accepts.</summary>
    public int BatchCapacity { get; }

    /// <summary>Gets θ = [Vec(W1); b1; …], writable.</summary>
    public T[] Theta { get; }

    /// <summary>Gets ∇θ of the mean loss of the last batch, in θ order.</summary>
    /// <remarks>The engine owns this buffer: a later call leaves the rows it knows to be zero
    /// as they are (see <see cref="ComputeGradient(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/>).
    /// Copy it to keep or change it.</remarks>
    public ReadOnlySpan<T> Gradient => gradient;

    /// <summary>Copies parameter values into θ, converting to T.</summary>
    /// <param name="parameters">Parameters of the same network.</param>
    public void LoadParameters(NetworkParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var theta = parameters.ToTheta();
        for (var i = 0; i < theta.Length; i++)
        {
            Theta[i] = T.CreateChecked(theta[i]);
        }
    }

    /// <summary>Computes the network output ŷ for a batch.</summary>
    /// <param name="input">Samples × InputSize, row-major.</param>
    /// <param name="batch">The number of samples.</param>
    /// <returns>ŷ, samples × OutputSize; valid until the next call.</returns>
    public ReadOnlySpan<T> Predict(ReadOnlySpan<T> input, int batch)
    {
        var logits = Logits(input, batch);
        var count = logits.Length;
        var last = layerCount - 1;
        activations[last].Forward(logits, yHat.AsSpan(0, count), units[last]);
        return yHat.AsSpan(0, count);
    }

    /// <summary>Computes the last layer's pre-activations z^[L] for a batch.</summary>
    /// <param name="input">Samples × InputSize, row-major.</param>
    /// <param name="batch">The number of samples.</param>
    /// <returns>z^[L], samples × OutputSize; valid until the next call.</returns>
    public ReadOnlySpan<T> Logits(ReadOnlySpan<T> input, int batch)
    {
        CheckBatch(input.Length, batch, Network.InputSize, nameof(input));
        input.CopyTo(x);
        ForwardHidden(batch, transposed: false);
        return z[layerCount - 1].AsSpan(0, batch * units[layerCount - 1]);
    }

    /// <summary>Returns ŷ of the batch given to the last gradient computation.</summary>
    /// <param name="batch">The number of samples in that batch.</param>
    /// <returns>ŷ, samples × OutputSize.</returns>
    public ReadOnlySpan<T> LastOutput(int batch) =>
        a[layerCount - 1].AsSpan(0, batch * units[layerCount - 1]);

    /// <summary>Computes the mean loss of a batch and its gradient.</summary>
    /// <remarks>
    /// ∇θ (1/N) Σₙ ℓₙ: the output head gives dz^[L] = ∇z ℓ per sample, scaled by 1/N; then for
    /// each layer from the last, its parameter gradient (dW-block = dZᵀ A_prev and
    /// db = Σₙ dZ; or dK = Σₙ dZ Pᵀ and db = Σ dZ) and dA_prev = J_{a_prev}zᵀ dZ (W-block,
    /// col2im(Kᵀ dZ), or Sᵀ dZ for pooling), then dZ_prev = D_prevᵀ dA_prev
    /// (f′(z) ⊙ dA_prev for element-wise activations).
    /// <para>
    /// With at most four samples, a dense layer's row of dW-block whose unit has dz = 0 in every
    /// sample (a ReLU that is off) is zero; <see cref="Gradient"/> already holds zeros there when
    /// the last call found the same, and the engine then leaves the row as it is. A one-sample
    /// gradient is limited by memory traffic, and these rows are often half of it.
    /// </para>
    /// </remarks>
    /// <param name="input">Samples × InputSize, row-major.</param>
    /// <param name="target">Samples × OutputSize, row-major.</param>
    /// <param name="batch">The number of samples.</param>
    /// <returns>The mean loss over the batch.</returns>
    public T ComputeGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, int batch) =>
        ComputeGradient(input, target, batch, T.One / T.CreateChecked(batch));

    /// <summary>Computes the scaled loss sum of a batch and its gradient.</summary>
    /// <remarks>A shard of a larger batch of N samples passes 1/N, so that the shards'
    /// gradients add up to the gradient of the whole batch's mean loss.</remarks>
    /// <param name="input">Samples × InputSize, row-major.</param>
    /// <param name="target">Samples × OutputSize, row-major.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="scale">The factor for the loss sum and for dz^[L].</param>
    /// <returns>The loss summed over the samples, times the scale.</returns>
    internal T ComputeGradient(
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> target,
        int batch,
        T scale)
    {
        CheckBatch(input.Length, batch, Network.InputSize, nameof(input));
        input.CopyTo(x);
        return Compute(target, batch, scale, firstLayerGiven: false);
    }

    private T Compute(ReadOnlySpan<T> target, int batch, T scale, bool firstLayerGiven)
    {
        CheckBatch(target.Length, batch, Network.OutputSize, nameof(target));
        target.CopyTo(y);
        ForgetZeroRowsIfStale();

        // Forward: z^[l] from a^[l-1], a^[l] = f(z^[l]), layer by layer.
        ForwardHidden(batch, transposed: batch >= TransposedForwardBatch, firstLayerGiven);

        // Output head: ŷ, the summed loss, and dZ^[L] = ∇z ℓ per sample, scaled to the mean.
        var last = layerCount - 1;
        var outputs = batch * units[last];
        var loss = head.Evaluate<T>(
            z[last].AsSpan(0, outputs),
            y.AsSpan(0, outputs),
            a[last].AsSpan(0, outputs),
            dz[last].AsSpan(0, outputs),
            units[last]);
        TensorPrimitives.Multiply(dz[last].AsSpan(0, outputs), scale, dz[last].AsSpan(0, outputs));

        // Backward: vector–Jacobian products from the last layer to the first.
        for (var layer = last; layer >= 0; layer--)
        {
            BackwardLayer(layer, batch);
        }

        return loss * scale;
    }

    private void Allocate(int layer, int batchCapacity)
    {
        var description = kinds[layer];
        var weights = Network.WeightParameterIndex(layer);
        weightOffsets[layer] = weights < 0 ? 0 : Network.Parameters[weights].ThetaOffset;
        hasActivation[layer] = description.AppliedActivation is not null;
        activations[layer] = Activation.FromKind(
            description.AppliedActivation ?? ActivationKind.Identity);
        var count = batchCapacity * units[layer];
        var isLast = layer == layerCount - 1;
        var previous = layer == 0 ? x : a[layer - 1];

        // Flatten changes no value: its output is its input's buffer.
        z[layer] = description is FlattenLayerDescription ? previous : new T[count];
        a[layer] = hasActivation[layer] || isLast ? new T[count] : z[layer];
        dz[layer] = new T[count];
        var inputShape = Network.LayerInputShape(layer);
        if (description is Conv2dLayerDescription conv)
        {
            AllocateConvolution(layer, conv, inputShape, batchCapacity);
        }
        else if (description is MaxPool2dLayerDescription pool)
        {
            geometries[layer] = ConvolutionGeometry.Of(pool, inputShape);
            argmax[layer] = new int[count];
        }
    }

    // Transposed: dense products as Zᵀ = W-block · A_prevᵀ (faster for a batch of at least
    // TransposedForwardBatch samples). Evaluation never asks for it, so that its results do not
    // depend on the batch size: the two forms sum in different orders.
    private void ForwardHidden(int batch, bool transposed, bool firstLayerGiven = false)
    {
        for (var layer = 0; layer < layerCount; layer++)
        {
            var n = units[layer];
            var count = batch * n;
            switch (kinds[layer])
            {
                case DenseLayerDescription when layer > 0 || !firstLayerGiven:
                    DenseForward(layer, batch, transposed);
                    break;
                case Conv2dLayerDescription:
                    InChunks(batch, layer, backward: false);
                    break;
                case MaxPool2dLayerDescription:
                    PoolForward(layer, batch);
                    break;
                default:
                    break;
            }

            if (layer < layerCount - 1 && hasActivation[layer])
            {
                activations[layer].Forward<T>(
                    z[layer].AsSpan(0, count), a[layer].AsSpan(0, count), n);
            }
        }
    }

    private void BackwardLayer(int layer, int batch)
    {
        var n = units[layer];
        var m = inputs[layer];
        var count = batch * m;

        // dA_prev goes straight into dZ_prev when the previous layer has no activation.
        var target = layer > 0 && !hasActivation[layer - 1] ? dz[layer - 1] : da;
        switch (kinds[layer])
        {
            case DenseLayerDescription:
                DenseBackward(layer, batch, target);
                break;
            case Conv2dLayerDescription:
                ConvBackward(layer, batch);
                break;
            case MaxPool2dLayerDescription:
                for (var sample = 0; sample < batch; sample++)
                {
                    MaxPool2dLayer.Backward<T>(
                        dz[layer].AsSpan(sample * n, n),
                        argmax[layer].AsSpan(sample * n, n),
                        target.AsSpan(sample * m, m));
                }

                break;
            default:
                dz[layer].AsSpan(0, count).CopyTo(target);
                break;
        }

        if (layer == 0 || !hasActivation[layer - 1])
        {
            return;
        }

        activations[layer - 1].Backward<T>(
            z[layer - 1].AsSpan(0, count),
            a[layer - 1].AsSpan(0, count),
            da.AsSpan(0, count),
            dz[layer - 1].AsSpan(0, count),
            m);
    }

    private void CheckBatch(int length, int batch, int width, string name)
    {
        if (batch < 1 || batch > BatchCapacity)
        {
            throw new ArgumentOutOfRangeException(
                nameof(batch), batch, $"The batch must be from 1 to {BatchCapacity}.");
        }

        if (length != batch * width)
        {
            throw new ArgumentException(
                $"{name} has length {length}; {batch} samples of {width} need {batch * width}.",
                name);
        }
    }
}
