using Backprop.Activations;
using Backprop.Losses;
using Backprop.Networks;

namespace Backprop.Tests.TestSupport;

/// <summary>A random dense network with parameters and one sample, for property tests.</summary>
internal sealed record RandomCase(NetworkParameters Parameters, double[] X, double[] Y)
{
    public NetworkDescription Network => Parameters.Network;

    public override string ToString() =>
        $"{Network.ShapeText()} "
        + string.Join(
            ",",
            Network.Layers.Select(
                l => ActivationNames.ToName(((DenseLayerDescription)l).Activation)))
        + $" {LossNames.ToName(Network.Loss)}";
}

internal static class RandomNetworks
{
    /// <summary>Depth 1–5, widths 1–6, random activations and a loss whose domain the
    /// output activation respects; pre-activations of ReLU-like units kept away from 0.</summary>
    public static RandomCase Create(int seed)
    {
        var rng = new Random(seed);
        var depth = rng.Next(1, 6);
        var loss = (LossKind)rng.Next(3);
        var inputs = rng.Next(1, 7);
        var layers = new List<LayerDescription>();
        for (var layer = 0; layer < depth; layer++)
        {
            var units = rng.Next(1, 7);
            var last = layer == depth - 1;
            var activation = last
                ? OutputActivation(rng, loss, ref units)
                : (ActivationKind)rng.Next(6);
            if (activation == ActivationKind.Softmax && units == 1)
            {
                units = 2;
            }

            layers.Add(new DenseLayerDescription(units, activation));
        }

        var network = new NetworkDescription([inputs], layers, loss);
        var parameters = new NetworkParameters(network);
        for (var p = 0; p < network.Parameters.Count; p++)
        {
            var values = parameters.Values(p);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (rng.NextDouble() * 2) - 1;
            }
        }

        var x = Enumerable.Range(0, inputs).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
        var y = Target(rng, loss, network.OutputSize);
        return new RandomCase(parameters, x, y);
    }

    private static ActivationKind OutputActivation(Random rng, LossKind loss, ref int units)
    {
        switch (loss)
        {
            case LossKind.SquaredError:
                return (ActivationKind)rng.Next(6);
            case LossKind.BinaryCrossEntropy:
                return rng.Next(2) == 0 ? ActivationKind.Sigmoid : ActivationKind.Softmax;
            default:
                units = Math.Max(units, 2);
                return rng.Next(2) == 0 ? ActivationKind.Softmax : ActivationKind.Sigmoid;
        }
    }

    private static double[] Target(Random rng, LossKind loss, int outputs)
    {
        var y = Enumerable.Range(0, outputs).Select(_ => rng.NextDouble()).ToArray();
        if (loss == LossKind.SquaredError)
        {
            return y.Select(v => (v * 4) - 2).ToArray();
        }

        if (loss == LossKind.CrossEntropy)
        {
            var sum = y.Sum();
            return y.Select(v => v / sum).ToArray();
        }

        return y;
    }
}
