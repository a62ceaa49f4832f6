using Backprop.Activations;
using Backprop.Jacobians;
using Backprop.Networks;
using Backprop.Tests.TestSupport;
using Backprop.Training;
using CsCheck;

namespace Backprop.Tests.Jacobians;

public class EngineProperties
{
    [Fact]
    public void Engines_AgreeTo1e10_OnRandomNetworks()
    {
        Gen.Int.Sample(seed =>
        {
            var item = RandomNetworks.Create(seed);
            var jacobian = JacobianEngine.Compute(item.Parameters, item.X, item.Y);
            var fast = FastGradient(item.Parameters, item.X, item.Y, out var fastLoss);

            ArrayAssert.Close([jacobian.Loss], [fastLoss], 1e-10, 1e-12, $"loss of {item}");
            ArrayAssert.Close(jacobian.ThetaGradient, fast, 1e-10, 1e-12, $"gradient of {item}");
        }, iter: 300);
    }

    [Fact]
    public void Gradient_MatchesCentralDifferences_OnRandomNetworks()
    {
        Gen.Int.Sample(seed =>
        {
            var item = RandomNetworks.Create(seed);
            if (NearKink(item))
            {
                return;
            }

            var gradient = JacobianEngine.Compute(item.Parameters, item.X, item.Y).ThetaGradient;
            var numeric = CentralDifferences(item.Parameters, item.X, item.Y);

            var scale = Math.Max(1e-3, numeric.Max(Math.Abs));
            ArrayAssert.Close(numeric, gradient, 1e-6, 1e-7 * scale, $"gradient of {item}");
        }, iter: 150);
    }

    [Fact]
    public void ThetaJacobian_SatisfiesTransposeIdentity()
    {
        // v · (J u) = (Jᵀ v) · u, with J u from central differences of z^[L] and Jᵀ v from
        // the engine's backward product: one pair checks the whole backward pass.
        Gen.Int.Sample(seed =>
        {
            var item = RandomNetworks.Create(seed);
            if (NearKink(item))
            {
                return;
            }

            var rng = new Random(seed);
            var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);
            var u = Enumerable.Range(0, item.Network.ParameterCount)
                .Select(_ => rng.NextDouble() - 0.5).ToArray();
            var v = Enumerable.Range(0, item.Network.OutputSize)
                .Select(_ => rng.NextDouble() - 0.5).ToArray();

            var Ju = DirectionalDerivative(item, u);
            var JTv = result.ThetaJacobian.TransposeMultiply(v);
            var left = v.Zip(Ju, (a, b) => a * b).Sum();
            var right = JTv.Zip(u, (a, b) => a * b).Sum();

            var scale = Math.Max(1.0, Math.Abs(left));
            Assert.True(
                Math.Abs(left - right) <= 1e-7 * scale,
                $"{item}: v·(Ju) = {left}, (Jᵀv)·u = {right}");
        }, iter: 150);
    }

    internal static double[] FastGradient(
        NetworkParameters parameters,
        double[] x,
        double[] y,
        out double loss)
    {
        var fast = new FastNetwork<double>(parameters.Network, 1);
        fast.LoadParameters(parameters);
        loss = fast.ComputeGradient(x, y, 1);
        return fast.Gradient.ToArray();
    }

    internal static double[] CentralDifferences(
        NetworkParameters parameters,
        double[] x,
        double[] y)
    {
        var theta = parameters.ToTheta();
        var fast = new FastNetwork<double>(parameters.Network, 1);
        var gradient = new double[theta.Length];
        for (var i = 0; i < theta.Length; i++)
        {
            var h = 1e-6 * Math.Max(1, Math.Abs(theta[i]));
            var saved = theta[i];
            theta[i] = saved + h;
            theta.CopyTo(fast.Theta, 0);
            var plus = fast.ComputeGradient(x, y, 1);
            theta[i] = saved - h;
            theta.CopyTo(fast.Theta, 0);
            var minus = fast.ComputeGradient(x, y, 1);
            theta[i] = saved;
            gradient[i] = (plus - minus) / (2 * h);
        }

        return gradient;
    }

    private static double[] DirectionalDerivative(RandomCase item, double[] u)
    {
        const double h = 1e-6;
        var theta = item.Parameters.ToTheta();
        var plus = theta.Zip(u, (t, d) => t + (h * d)).ToArray();
        var minus = theta.Zip(u, (t, d) => t - (h * d)).ToArray();
        var zPlus = OutputLogits(item, plus);
        var zMinus = OutputLogits(item, minus);
        return zPlus.Zip(zMinus, (p, m) => (p - m) / (2 * h)).ToArray();
    }

    private static double[] OutputLogits(RandomCase item, double[] theta)
    {
        var parameters = NetworkParameters.FromTheta(item.Network, theta);
        return JacobianEngine.Compute(parameters, item.X, item.Y).Layers[^1].Z;
    }

    private static bool NearKink(RandomCase item)
    {
        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);
        for (var layer = 0; layer < result.Layers.Count; layer++)
        {
            var kind = ((DenseLayerDescription)item.Network.Layers[layer]).Activation;
            if (kind is ActivationKind.Relu or ActivationKind.LeakyRelu
                && result.Layers[layer].Z.Any(z => Math.Abs(z) < 1e-4))
            {
                return true;
            }
        }

        return false;
    }
}
