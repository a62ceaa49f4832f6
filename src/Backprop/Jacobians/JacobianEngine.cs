using Backprop.Activations;
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
    /// <paramref name="maxEntries"/>.</exception>
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

        // Forward: z = Wᵀ aPrev + b, a = f(z), keeping every a^[l-1] for the Kronecker blocks.
        var layerCount = network.Layers.Count;
        var inputs = new double[layerCount][];
        var zs = new double[layerCount][];
        var activations = new double[layerCount][];
        var aPrev = x.ToArray();
        for (var layer = 0; layer < layerCount; layer++)
        {
            inputs[layer] = aPrev;
            (zs[layer], activations[layer]) = DenseForward(parameters, layer, aPrev);
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

        // Backward over layers: chain = J_{z^[l]} z^[L], block = chain · [I ⊗ aᵀ | I].
        var thetaJacobian = new Matrix(network.OutputSize, network.ParameterCount);
        var traces = new LayerTrace[layerCount];
        var chain = Matrix.Identity(network.OutputSize);
        for (var layer = layerCount - 1; layer >= 0; layer--)
        {
            var kind = ((DenseLayerDescription)network.Layers[layer]).Activation;
            var activation = Activation.FromKind(kind);
            var D = activation.Jacobian(zs[layer], activations[layer]);
            if (layer < layerCount - 1)
            {
                chain = D.MultiplyLeft(TimesTransposedWeights(chain, parameters, layer + 1));
            }

            var units = zs[layer].Length;
            var kronecker = new KroneckerFactor(inputs[layer], units);
            var W = network.Parameters[2 * layer];
            kronecker.MultiplyLeftInto(chain, thetaJacobian, W.ThetaOffset);
            traces[layer] = new LayerTrace(
                layer, inputs[layer], zs[layer], activations[layer], D, kronecker, chain,
                W.ThetaOffset, kronecker.Columns);
        }

        // Gradient: ∇θ ℓ = (J_θ z^[L])ᵀ ∇z ℓ.
        var thetaGradient = thetaJacobian.TransposeMultiply(outputGradient);
        return new JacobianResult(
            network, head, traces, loss, outputGradient, thetaJacobian, thetaGradient);
    }

    private static (double[] Z, double[] A) DenseForward(
        NetworkParameters parameters,
        int layer,
        double[] aPrev)
    {
        var W = parameters.Values(2 * layer);
        var b = parameters.Values((2 * layer) + 1);
        var units = b.Length;
        var z = (double[])b.Clone();
        for (var i = 0; i < aPrev.Length; i++)
        {
            // Row i of W (inputs × units, row-major) holds the weights from input i.
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(
                W.AsSpan(i * units, units), aPrev[i], z, z);
        }

        var a = new double[units];
        var kind = ((DenseLayerDescription)parameters.Network.Layers[layer]).Activation;
        Activation.FromKind(kind).Forward<double>(z, a, units);
        return (z, a);
    }

    private static Matrix TimesTransposedWeights(
        Matrix chain,
        NetworkParameters parameters,
        int layer)
    {
        // chain · Wᵀ with W stored inputs × units: (chain Wᵀ)[r, i] = Σⱼ chain[r, j] W[i, j].
        var W = parameters.Values(2 * layer);
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
