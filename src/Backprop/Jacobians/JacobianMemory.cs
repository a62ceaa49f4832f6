using Backprop.Activations;
using Backprop.Layers;
using Backprop.Networks;

namespace Backprop.Jacobians;

/// <summary>Estimates, from the shapes alone, the memory the explicit engine needs.</summary>
public static class JacobianMemory
{
    // Teop(K) is built as three lists of ints (row, column, kernel index) that grow by
    // doubling and are then copied to arrays: up to 3 × (2 + 1) × 4 bytes per entry.
    private const int ToeplitzBytesPerEntry = 36;

    // A max-pool keeps the argmax and the selection's row and column per output.
    private const int SelectionBytesPerEntry = 12;

    /// <summary>Lists the arrays <see cref="JacobianEngine.Compute"/> builds for one sample.
    /// </summary>
    /// <remarks>
    /// Counted, per layer l: (W^[l])ᵀ (a copy of W) for a dense layer; Teop(K^[l]) (at most
    /// F·oh·ow·C·kh·kw entries, padding not subtracted) and the patch matrix for a
    /// convolution; the selection of a max-pool; D^[l] (n × n for softmax, its diagonal
    /// otherwise); and the chain J_{z^[l]} z^[L], n_L × n, kept for every layer. Then one
    /// product chain · J_{a^[l-1]} z^[l] alive at a time (the largest), J_θ z^[L]
    /// (n_L × P) and ∇θ ℓ. Vectors of one layer's width are left out. The total is what
    /// one call allocates, within a few percent for networks of any size (the tests check
    /// LeNet-300-100 and a convolutional network), whether or not the collector could
    /// reclaim some of it before the end.
    /// </remarks>
    /// <param name="network">The network.</param>
    /// <returns>The estimate, part by part.</returns>
    public static JacobianMemoryEstimate Estimate(NetworkDescription network)
    {
        ArgumentNullException.ThrowIfNull(network);
        long outputs = network.OutputSize;
        var parts = new List<JacobianMemoryPart>();
        long largestProduct = 0;
        for (var layer = 0; layer < network.Layers.Count; layer++)
        {
            var l = layer + 1;
            long n = network.LayerOutputSize(layer);
            long inputs = network.LayerInputSize(layer);
            AddLayerFactor(parts, network, layer);
            if (network.Layers[layer].AppliedActivation is ActivationKind f)
            {
                parts.Add(f == ActivationKind.Softmax
                    ? new JacobianMemoryPart($"D^[{l}] (softmax)", n, n, n * n, 8)
                    : new JacobianMemoryPart($"D^[{l}]", n, n, n, 8));
            }

            parts.Add(new JacobianMemoryPart(
                $"J_{{z^[{l}]}} z^[L]", outputs, n, outputs * n, 8));
            largestProduct = layer == 0 ? largestProduct : Math.Max(largestProduct, inputs);
        }

        if (largestProduct > 0)
        {
            parts.Add(new JacobianMemoryPart(
                "chain · J_a z", outputs, largestProduct, outputs * largestProduct, 8));
        }

        long p = network.ParameterCount;
        parts.Add(new JacobianMemoryPart("J_θ z^[L]", outputs, p, outputs * p, 8));
        parts.Add(new JacobianMemoryPart("∇θ ℓ", p, 1, p, 8));
        return new JacobianMemoryEstimate(parts);
    }

    private static void AddLayerFactor(
        List<JacobianMemoryPart> parts,
        NetworkDescription network,
        int layer)
    {
        var l = layer + 1;
        long n = network.LayerOutputSize(layer);
        long inputs = network.LayerInputSize(layer);
        switch (network.Layers[layer])
        {
            case DenseLayerDescription:
                parts.Add(new JacobianMemoryPart($"(W^[{l}])ᵀ", n, inputs, n * inputs, 8));
                break;
            case Conv2dLayerDescription conv:
                var g = ConvolutionGeometry.Of(conv, network.LayerInputShape(layer));
                long teop = n * g.PatchSize;
                parts.Add(new JacobianMemoryPart(
                    $"Teop(K^[{l}])", n, inputs, teop, ToeplitzBytesPerEntry));
                long patches = (long)g.PatchSize * g.OutputArea;
                parts.Add(new JacobianMemoryPart(
                    $"patches of layer {l}", g.PatchSize, g.OutputArea, patches, 8));
                break;
            case MaxPool2dLayerDescription:
                parts.Add(new JacobianMemoryPart(
                    $"selection of layer {l}", n, inputs, n, SelectionBytesPerEntry));
                break;
            default:
                break;
        }
    }
}
