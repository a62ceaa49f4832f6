using Backprop.Activations;
using Backprop.Networks;

namespace Backprop.Training;

/// <summary>Draws initial parameters: He for ReLU-like layers, Xavier otherwise.</summary>
/// <remarks>
/// He: W ~ N(0, 2 / n_in); Xavier (Glorot): W ~ N(0, 2 / (n_in + n_out)); biases start at 0.
/// For a kernel [F, C, kh, kw], n_in = C·kh·kw and n_out = F·kh·kw.
/// Normal draws use the Box–Muller transform on the given seeded generator, so the same seed
/// gives the same parameters on every machine.
/// </remarks>
public static class Initializer
{
    /// <summary>Creates initial parameters for a network.</summary>
    /// <param name="network">The network.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The parameters.</returns>
    public static NetworkParameters Create(NetworkDescription network, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        var rng = new Random(seed);
        var parameters = new NetworkParameters(network);
        for (var p = 0; p < network.Parameters.Count; p++)
        {
            var info = network.Parameters[p];
            if (info.Shape.Length is not (2 or 4))
            {
                continue;
            }

            // A kernel [F, C, kh, kw] sees C·kh·kw inputs per output and feeds F·kh·kw.
            var (fanIn, fanOut) = info.Shape.Length == 2
                ? (info.Shape[0], info.Shape[1])
                : (info.Shape[1] * info.Shape[2] * info.Shape[3],
                    info.Shape[0] * info.Shape[2] * info.Shape[3]);
            var kind = network.Layers[info.Layer].AppliedActivation;
            var variance = kind is ActivationKind.Relu or ActivationKind.LeakyRelu
                ? 2.0 / fanIn
                : 2.0 / (fanIn + fanOut);
            var sigma = Math.Sqrt(variance);
            var W = parameters.Values(p);
            for (var i = 0; i < W.Length; i++)
            {
                W[i] = sigma * StandardNormal(rng);
            }
        }

        return parameters;
    }

    private static double StandardNormal(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
