using Backprop.Jacobians;
using Backprop.Networks;

namespace Backprop.Cli.Explain;

/// <summary>Builds the <see cref="Derivation"/> of a case from the engine's result.</summary>
internal static class DerivationBuilder
{
    /// <summary>Collects the network, the forward pass, every factor, block and gradient.</summary>
    /// <param name="item">The case: parameters (for (W^[l])ᵀ), x and y.</param>
    /// <param name="result">The Jacobian engine's result for that case.</param>
    public static Derivation Build(CaseFile item, JacobianResult result)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(result);
        var network = result.Network;
        var layers = Layers(network);
        var forward = new List<ForwardStep>();
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var trace = result.Layers[layer];
            forward.Add(new ForwardStep(
                layers[layer], ShownArray.Vector(trace.Z), ShownArray.Vector(trace.A)));
        }

        var factors = Factors(item.Parameters, result, layers);
        var blocks = Blocks(result, layers, factors);
        var outputLabels = OutputLabels(network.OutputSize);
        var thetaLabels = new ThetaLabels(network.Parameters, 0, network.ParameterCount);
        var gradients = result.Gradients();
        var parameterGradients = new List<ParameterGradient>();
        for (var p = 0; p < network.Parameters.Count; p++)
        {
            var info = network.Parameters[p];
            var value = info.Shape.Length == 2
                ? ShownArray.RowMajor(gradients.Values(p), info.Shape[0], info.Shape[1])
                : ShownArray.Vector(gradients.Values(p));
            parameterGradients.Add(new ParameterGradient(info, layers[info.Layer], value));
        }

        return new Derivation(
            UserText.Clean(item.Name),
            network.InputSize,
            layers,
            network.Loss,
            network.ParameterCount,
            ShownArray.Vector(item.X),
            forward,
            result.Loss,
            Output(item, result),
            factors,
            blocks,
            ShownArray.Dense(result.ThetaJacobian).WithLabels(outputLabels, thetaLabels),
            ShownArray.Vector(result.ThetaGradient).WithLabels(thetaLabels, null),
            parameterGradients);
    }

    private static List<LayerOverview> Layers(NetworkDescription network)
    {
        var layers = new List<LayerOverview>();
        for (var layer = 0; layer < network.Layers.Count; layer++)
        {
            var dense = (DenseLayerDescription)network.Layers[layer];
            layers.Add(new LayerOverview(
                layer + 1,
                network.LayerInputSize(layer),
                dense.Units,
                dense.Activation,
                network.Parameters[2 * layer],
                network.Parameters[(2 * layer) + 1]));
        }

        return layers;
    }

    private static OutputGradientStep Output(CaseFile item, JacobianResult result)
    {
        var head = result.Head;
        var yHat = result.Output.ToArray();
        var targetSum = 0.0;
        foreach (var v in item.Y)
        {
            targetSum += v;
        }

        ShownArray? lossGradient = null;
        ShownArray? jacobian = null;
        ShownArray? diagonal = null;
        if (!head.IsFused)
        {
            // General chain rule: ∇z ℓ = (D^[L])ᵀ ∇_ŷ ℓ; show both factors.
            var dyHat = new double[yHat.Length];
            head.Loss.Gradient<double>(yHat, item.Y, dyHat);
            lossGradient = ShownArray.Vector(dyHat);
            var D = result.Layers[^1].ActivationJacobian;
            jacobian = ShownArray.Factor(D);
            diagonal = D is DiagonalFactor d ? ShownArray.Vector(d.Diagonal) : null;
        }

        return new OutputGradientStep(
            head.ActivationKind,
            head.LossKind,
            head.IsFused,
            head.GradientFormula,
            targetSum,
            ShownArray.Vector(item.Y),
            ShownArray.Vector(yHat),
            ShownArray.Vector(result.OutputGradient),
            lossGradient,
            jacobian,
            diagonal);
    }

    private static List<FactorStep> Factors(
        NetworkParameters parameters,
        JacobianResult result,
        List<LayerOverview> layers)
    {
        // Per layer, in the order they meet the chain: (W^[l])ᵀ, D^[l], then [I ⊗ (a^[l-1])ᵀ | I].
        var factors = new List<FactorStep>();
        var network = result.Network;
        foreach (var layer in layers)
        {
            var trace = result.Layers[layer.Number - 1];
            if (layer.Number > 1)
            {
                var W = parameters.Values(2 * (layer.Number - 1));
                factors.Add(new FactorStep(
                    FactorRole.TransposedWeights,
                    layer,
                    ShownArray.Transposed(W, layer.Inputs, layer.Units),
                    null,
                    [],
                    null));
            }

            if (layer.Number < layers.Count)
            {
                factors.Add(ActivationFactor(layer, trace.ActivationJacobian));
            }

            var labels = new ThetaLabels(network.Parameters, layer.ThetaOffset, layer.ThetaCount);
            factors.Add(new FactorStep(
                FactorRole.ParameterJacobian,
                layer,
                ShownArray.Factor(trace.ParameterJacobian!).WithLabels(null, labels),
                null,
                [],
                ShownArray.Vector(trace.Input)));
        }

        return factors;
    }

    private static FactorStep ActivationFactor(LayerOverview layer, JacobianFactor D)
    {
        if (D is not DiagonalFactor diagonal)
        {
            return new FactorStep(
                FactorRole.ActivationJacobian, layer, ShownArray.Factor(D), null, [], null);
        }

        var zeroUnits = new List<int>();
        for (var j = 0; j < diagonal.Diagonal.Count; j++)
        {
            if (diagonal.Diagonal[j] == 0)
            {
                zeroUnits.Add(j + 1);
            }
        }

        return new FactorStep(
            FactorRole.ActivationJacobian,
            layer,
            ShownArray.Factor(D),
            ShownArray.Vector(diagonal.Diagonal),
            zeroUnits,
            null);
    }

    private static List<BlockStep> Blocks(
        JacobianResult result,
        List<LayerOverview> layers,
        List<FactorStep> factors)
    {
        var blocks = new List<BlockStep>();
        var outputLabels = OutputLabels(result.Network.OutputSize);
        foreach (var layer in layers)
        {
            var index = layer.Number - 1;
            var trace = result.Layers[index];

            // The chain (W^[L])ᵀ D^[L-1] ⋯ (W^[l+1])ᵀ D^[l], then layer l's own factor.
            var product = new List<FactorStep>();
            for (var k = layers.Count; k > layer.Number; k--)
            {
                product.Add(Find(factors, FactorRole.TransposedWeights, k));
                product.Add(Find(factors, FactorRole.ActivationJacobian, k - 1));
            }

            product.Add(Find(factors, FactorRole.ParameterJacobian, layer.Number));
            var labels = new ThetaLabels(
                result.Network.Parameters, layer.ThetaOffset, layer.ThetaCount);
            var block = ShownArray
                .Deferred(
                    result.ThetaJacobian.Rows, layer.ThetaCount, () => result.LayerBlock(index))
                .WithLabels(outputLabels, labels);
            var zGradient = trace.ChainToOutput.TransposeMultiply(result.OutputGradient);
            blocks.Add(new BlockStep(
                layer,
                product,
                ShownArray.Dense(trace.ChainToOutput),
                block,
                ShownArray.Vector(zGradient)));
        }

        return blocks;
    }

    private static FactorStep Find(IReadOnlyList<FactorStep> factors, FactorRole role, int layer)
    {
        foreach (var factor in factors)
        {
            if (factor.Role == role && factor.Layer.Number == layer)
            {
                return factor;
            }
        }

        throw new InvalidOperationException($"No {role} factor for layer {layer}.");
    }

    private static string[] OutputLabels(int n)
    {
        var labels = new string[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = "z" + Symbols.Subscript(i + 1);
        }

        return labels;
    }
}
