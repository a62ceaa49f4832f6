using Backprop.Activations;
using Backprop.Layers;
using Backprop.LinearAlgebra;
using Backprop.Losses;
using Backprop.Networks;

namespace Backprop.Jacobians;

/// <summary>
/// The explicit engine: builds every factor of the paper's Algorithm 1 for one sample, in
/// double precision, and multiplies them into J_θ z^[L] and the gradient.
/// </summary>
public static class JacobianEngine
{
    /// <summary>The largest J_θ z^[L] built by default, in entries (2 GiB of doubles).</summary>
    public const long DefaultMaxEntries = 1L << 28;

    /// <summary>Runs Algorithm 1 on one sample.</summary>
    /// <remarks>
    /// Forward: z^[l] = (W^[l])ᵀ a^[l-1] + b^[l], a^[l] = f^[l](z^[l]). Then ∇z ℓ from the
    /// output head, and from l = L down to 1 the chain J_{z^[l]} z^[L], computed as
    /// J_{z^[l+1]} z^[L] · (W^[l+1])ᵀ · D^[l] (the corrected section 3.3 order: transposed
    /// weights alternate with activation Jacobians). Each block of J_θ z^[L] is that chain
    /// times [I ⊗ (a^[l-1])ᵀ | I]; the gradient is (J_θ z^[L])ᵀ ∇z ℓ.
    /// </remarks>
    /// <param name="parameters">The network and its parameter values.</param>
    /// <param name="x">The input sample, length InputSize.</param>
    /// <param name="y">The target, length OutputSize.</param>
    /// <param name="maxEntries">The largest J_θ z^[L] allowed, in entries.</param>
    /// <returns>All factors, J_θ z^[L], the loss and the gradient.</returns>
    /// <exception cref="ArgumentException">x or y has the wrong length, or the output is
    /// outside the loss's domain.</exception>
    /// <exception cref="InsufficientMemoryException">J_θ z^[L] would exceed
    /// <paramref name="maxEntries"/>, or a factor would not fit in one array (see
    /// <see cref="JacobianMemory.Estimate"/>).</exception>
    public static JacobianResult Compute(
        NetworkParameters parameters,
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> y,
        long maxEntries = DefaultMaxEntries)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var network = parameters.Network;
        CheckLength(x.Length, network.InputSize, nameof(x));
        CheckLength(y.Length, network.OutputSize, nameof(y));
        var entries = (long)network.OutputSize * network.ParameterCount;
        if (entries > maxEntries)
        {
            throw new InsufficientMemoryException(
                $"J_θ z^[L] would be {network.OutputSize} × {network.ParameterCount} = "
                + $"{entries} entries ({entries * 8 / (1 << 20)} MiB), over the limit of "
                + $"{maxEntries}; use the fast engine for the gradient alone.");
        }

        if (JacobianMemory.Estimate(network).FirstTooLargeForOneArray() is { } part)
        {
            throw new InsufficientMemoryException(
                $"{part.Name} would be {part.Rows} × {part.Columns} with {part.Entries} "
                + $"entries, more than one array holds ({Array.MaxLength}); use the fast "
                + "engine for the gradient alone.");
        }

        // Forward: z^[l] from a^[l-1], then a^[l] = f(z^[l]), keeping every layer's input
        // and its factors J_{a^[l-1]} z^[l] and J_θ z^[l].
        var layerCount = network.Layers.Count;
        var inputs = new double[layerCount][];
        var zs = new double[layerCount][];
        var activations = new double[layerCount][];
        var inputJacobians = new JacobianFactor[layerCount];
        var parameterJacobians = new JacobianFactor?[layerCount];
        var aPrev = x.ToArray();
        for (var layer = 0; layer < layerCount; layer++)
        {
            inputs[layer] = aPrev;
            var step = LayerForward(parameters, layer, aPrev);
            (zs[layer], inputJacobians[layer], parameterJacobians[layer]) = step;
            var kind = network.Layers[layer].AppliedActivation;
            activations[layer] = zs[layer];
            if (kind is ActivationKind f)
            {
                activations[layer] = new double[zs[layer].Length];
                Activation.FromKind(f).Forward<double>(
                    zs[layer], activations[layer], zs[layer].Length);
            }

            aPrev = activations[layer];
        }

        // ∇z ℓ from the last-activation/loss pair.
        var head = new OutputHead(network.OutputActivation, network.Loss);
        var outputGradient = new double[network.OutputSize];
        var yHat = new double[network.OutputSize];
        var loss = head.Evaluate<double>(zs[^1], y, yHat, outputGradient, network.OutputSize);
        var domainError = head.IsFused ? null : head.Loss.DomainError(yHat, y);
        if (domainError is not null)
        {
            throw new ArgumentException(domainError, nameof(y));
        }

        // Backward over layers: chain = J_{z^[l]} z^[L], block = chain · J_θ z^[l].
        var thetaJacobian = new Matrix(network.OutputSize, network.ParameterCount);
        var traces = new LayerTrace[layerCount];
        var chain = Matrix.Identity(network.OutputSize);
        for (var layer = layerCount - 1; layer >= 0; layer--)
        {
            var kind = network.Layers[layer].AppliedActivation;
            JacobianFactor D = kind is ActivationKind f
                ? Activation.FromKind(f).Jacobian(zs[layer], activations[layer])
                : new IdentityFactor(zs[layer].Length);
            if (layer < layerCount - 1)
            {
                chain = D.MultiplyLeft(TimesInputJacobian(
                    chain, parameters, layer + 1, inputJacobians[layer + 1]));
            }

            var (offset, count) = (0, 0);
            if (parameterJacobians[layer] is JacobianFactor J)
            {
                offset = network.Parameters[network.WeightParameterIndex(layer)].ThetaOffset;
                count = J.Columns;
                J.MultiplyLeftInto(chain, thetaJacobian, offset);
            }

            traces[layer] = new LayerTrace(
                layer, inputs[layer], zs[layer], activations[layer], D,
                inputJacobians[layer], parameterJacobians[layer], chain, offset, count);
        }

        // Gradient: ∇θ ℓ = (J_θ z^[L])ᵀ ∇z ℓ.
        var thetaGradient = thetaJacobian.TransposeMultiply(outputGradient);
        return new JacobianResult(
            network, head, traces, loss, outputGradient, thetaJacobian, thetaGradient);
    }

    private static (double[] Z, JacobianFactor Input, JacobianFactor? Parameters)
        LayerForward(NetworkParameters parameters, int layer, double[] aPrev)
    {
        var network = parameters.Network;
        var description = network.Layers[layer];
        var inputShape = network.LayerInputShape(layer);
        var weights = network.WeightParameterIndex(layer);
        switch (description)
        {
            case DenseLayerDescription dense:
                var W = parameters.Values(weights);
                var z = DenseForward(W, parameters.Values(weights + 1), aPrev);
                var Wt = new Matrix(dense.Units, aPrev.Length);
                Vec.Stack(W, aPrev.Length, dense.Units, Wt.Data);
                return (z, new DenseFactor(Wt), new KroneckerFactor(aPrev, dense.Units));
            case Conv2dLayerDescription conv:
                var g = ConvolutionGeometry.Of(conv, inputShape);
                var K = parameters.Values(weights);
                var zConv = new double[conv.Filters * g.OutputArea];
                Conv2dLayer.Forward(aPrev, K, parameters.Values(weights + 1), g, zConv);
                var patches = new double[g.PatchSize * g.OutputArea];
                Conv2dLayer.Im2col<double>(aPrev, g, patches);
                return (
                    zConv,
                    ToeplitzFactor.Create(K, g),
                    new PatchFactor(patches, g.PatchSize, conv.Filters));
            case MaxPool2dLayerDescription pool:
                var gPool = ConvolutionGeometry.Of(pool, inputShape);
                var zPool = new double[gPool.Channels * gPool.OutputArea];
                var argmax = new int[zPool.Length];
                MaxPool2dLayer.Forward<double>(aPrev, gPool, zPool, argmax);
                return (zPool, new SelectionFactor(argmax, aPrev.Length), null);
            default:
                // Flatten: the same values in the same (row-major) order.
                return ((double[])aPrev.Clone(), new IdentityFactor(aPrev.Length), null);
        }
    }

    private static double[] DenseForward(double[] W, double[] b, double[] aPrev)
    {
        var units = b.Length;
        var z = (double[])b.Clone();
        for (var i = 0; i < aPrev.Length; i++)
        {
            // Row i of W (inputs × units, row-major) holds the weights from input i.
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(
                W.AsSpan(i * units, units), aPrev[i], z, z);
        }

        return z;
    }

    private static Matrix TimesInputJacobian(
        Matrix chain,
        NetworkParameters parameters,
        int layer,
        JacobianFactor inputJacobian)
    {
        if (parameters.Network.Layers[layer] is not DenseLayerDescription)
        {
            return inputJacobian.MultiplyLeft(chain);
        }

        // chain · Wᵀ with W stored inputs × units: (chain Wᵀ)[r, i] = Σⱼ chain[r, j] W[i, j].
        var W = parameters.Values(parameters.Network.WeightParameterIndex(layer));
        var inputs = parameters.Network.LayerInputSize(layer);
        var result = new Matrix(chain.Rows, inputs);
        Gemm.MultiplyTransposedB<double>(
            chain.Data, W, result.Data, chain.Rows, chain.Columns, inputs);
        return result;
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                $"{name} has length {actual}; the network needs {expected}.", name);
        }
    }
}
