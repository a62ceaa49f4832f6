using System.Numerics;
using Backprop.Activations;
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
/// dW-block = dZᵀ · A_prev, db = Σₙ dZ, dA_prev = dZ · W-block. Buffers are sized once for
/// the largest batch; a step allocates nothing when the products run on one thread.
/// </remarks>
/// <typeparam name="T">float for training, double for verification.</typeparam>
public sealed class FastNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int layerCount;
    private readonly int[] units;
    private readonly int[] inputs;
    private readonly int[] weightOffsets;
    private readonly Activation[] activations;
    private readonly OutputHead head;
    private readonly T[] x;
    private readonly T[] y;
    private readonly T[] yHat;
    private readonly T[][] z;
    private readonly T[][] a;
    private readonly T[][] dz;
    private readonly T[] da;

    /// <summary>Initializes the engine with zero parameters.</summary>
    /// <param name="network">The network.</param>
    /// <param name="batchCapacity">The largest batch a step will be given.</param>
    public FastNetwork(NetworkDescription network, int batchCapacity)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchCapacity);
        Network = network;
        BatchCapacity = batchCapacity;
        layerCount = network.Layers.Count;
        units = new int[layerCount];
        inputs = new int[layerCount];
        weightOffsets = new int[layerCount];
        activations = new Activation[layerCount];
        z = new T[layerCount][];
        a = new T[layerCount][];
        dz = new T[layerCount][];
        var widest = network.InputSize;
        for (var layer = 0; layer < layerCount; layer++)
        {
            var dense = (DenseLayerDescription)network.Layers[layer];
            units[layer] = dense.Units;
            inputs[layer] = network.LayerInputSize(layer);
            weightOffsets[layer] = network.Parameters[2 * layer].ThetaOffset;
            activations[layer] = Activation.FromKind(dense.Activation);
            z[layer] = new T[batchCapacity * dense.Units];
            a[layer] = new T[batchCapacity * dense.Units];
            dz[layer] = new T[batchCapacity * dense.Units];
            widest = Math.Max(widest, dense.Units);
        }

        head = new OutputHead(network.OutputActivation, network.Loss);
        x = new T[batchCapacity * network.InputSize];
        y = new T[batchCapacity * network.OutputSize];
        yHat = new T[batchCapacity * network.OutputSize];
        da = new T[batchCapacity * widest];
        Theta = new T[network.ParameterCount];
        Gradient = new T[network.ParameterCount];
    }

    /// <summary>Gets the network.</summary>
    public NetworkDescription Network { get; }

    /// <summary>Gets the largest batch a step accepts.</summary>
    public int BatchCapacity { get; }

    /// <summary>Gets θ = [Vec(W1); b1; …], writable.</summary>
    public T[] Theta { get; }

    /// <summary>Gets ∇θ of the mean loss of the last batch, in θ order.</summary>
    public T[] Gradient { get; }

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
        ForwardHidden(batch);
        return z[layerCount - 1].AsSpan(0, batch * units[layerCount - 1]);
    }

    /// <summary>Returns ŷ of the batch given to the last <see cref="ComputeGradient"/>.</summary>
    /// <param name="batch">The number of samples in that batch.</param>
    /// <returns>ŷ, samples × OutputSize.</returns>
    public ReadOnlySpan<T> LastOutput(int batch) =>
        a[layerCount - 1].AsSpan(0, batch * units[layerCount - 1]);

    /// <summary>Computes the mean loss of a batch and its gradient.</summary>
    /// <remarks>
    /// ∇θ (1/N) Σₙ ℓₙ: the output head gives dz^[L] = ∇z ℓ per sample, scaled by 1/N; then for
    /// each layer from the last, dW-block = dZᵀ A_prev, db = Σₙ dZ, dA_prev = dZ W-block and
    /// dZ_prev = D_prevᵀ dA_prev (f′(z) ⊙ dA_prev for element-wise activations).
    /// </remarks>
    /// <param name="input">Samples × InputSize, row-major.</param>
    /// <param name="target">Samples × OutputSize, row-major.</param>
    /// <param name="batch">The number of samples.</param>
    /// <returns>The mean loss over the batch.</returns>
    public T ComputeGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, int batch)
    {
        CheckBatch(input.Length, batch, Network.InputSize, nameof(input));
        CheckBatch(target.Length, batch, Network.OutputSize, nameof(target));
        input.CopyTo(x);
        target.CopyTo(y);

        // Forward: Z = A_prev Wᵀ + b, A = f(Z), layer by layer.
        ForwardHidden(batch);

        // Output head: ŷ, the summed loss, and dZ^[L] = ∇z ℓ per sample, scaled to the mean.
        var last = layerCount - 1;
        var outputs = batch * units[last];
        var loss = head.Evaluate<T>(
            z[last].AsSpan(0, outputs),
            y.AsSpan(0, outputs),
            a[last].AsSpan(0, outputs),
            dz[last].AsSpan(0, outputs),
            units[last]);
        var scale = T.One / T.CreateChecked(batch);
        System.Numerics.Tensors.TensorPrimitives.Multiply(
            dz[last].AsSpan(0, outputs), scale, dz[last].AsSpan(0, outputs));

        // Backward: vector–Jacobian products from the last layer to the first.
        for (var layer = last; layer >= 0; layer--)
        {
            BackwardLayer(layer, batch);
        }

        return loss * scale;
    }

    private void ForwardHidden(int batch)
    {
        for (var layer = 0; layer < layerCount; layer++)
        {
            var n = units[layer];
            var count = batch * n;
            var aPrev = layer == 0 ? x : a[layer - 1];
            var W = Theta.AsMemory(weightOffsets[layer], n * inputs[layer]);
            Gemm.MultiplyTransposedB<T>(aPrev, W, z[layer], batch, inputs[layer], n);
            var b = Theta.AsSpan(weightOffsets[layer] + (n * inputs[layer]), n);
            for (var row = 0; row < batch; row++)
            {
                var zRow = z[layer].AsSpan(row * n, n);
                System.Numerics.Tensors.TensorPrimitives.Add(zRow, b, zRow);
            }

            if (layer < layerCount - 1)
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
        var aPrev = layer == 0 ? x : a[layer - 1];
        var dW = Gradient.AsMemory(weightOffsets[layer], n * m);
        Gemm.MultiplyTransposedA<T>(dz[layer], aPrev, dW, n, batch, m);
        var db = Gradient.AsSpan(weightOffsets[layer] + (n * m), n);
        db.Clear();
        for (var row = 0; row < batch; row++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(db, dz[layer].AsSpan(row * n, n), db);
        }

        if (layer == 0)
        {
            return;
        }

        var W = Theta.AsMemory(weightOffsets[layer], n * m);
        Gemm.Multiply<T>(dz[layer], W, da, batch, n, m);
        var count = batch * m;
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
