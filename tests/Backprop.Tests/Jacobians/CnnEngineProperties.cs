using Backprop.Activations;
using Backprop.Jacobians;
using Backprop.Losses;
using Backprop.Networks;
using Backprop.Tests.TestSupport;
using Backprop.Training;
using CsCheck;

namespace Backprop.Tests.Jacobians;

public sealed class CnnEngineProperties
{
    [Fact]
    public void Engines_AgreeTo1e10_OnRandomCnns()
    {
        Gen.Int.Sample(seed =>
        {
            var (parameters, x, y) = RandomCnn(seed);
            var jacobian = JacobianEngine.Compute(parameters, x, y);
            var fast = EngineProperties.FastGradient(parameters, x, y, out var fastLoss);

            var what = $"seed {seed}: {parameters.Network.ShapeText()}";
            ArrayAssert.Close([jacobian.Loss], [fastLoss], 1e-10, 1e-12, what);
            ArrayAssert.Close(jacobian.ThetaGradient, fast, 1e-10, 1e-12, what);
        }, iter: 150);
    }

    [Fact]
    public void Gradient_MatchesCentralDifferences_OnRandomSmoothCnns()
    {
        // tanh and no pooling: smooth everywhere, so differences need no kink check.
        Gen.Int.Sample(seed =>
        {
            var (parameters, x, y) = RandomCnn(seed, pooling: false);
            var gradient = JacobianEngine.Compute(parameters, x, y).ThetaGradient;
            var numeric = EngineProperties.CentralDifferences(parameters, x, y);

            var scale = Math.Max(1e-3, numeric.Max(Math.Abs));
            // The floor: rounding in (ℓ(θ + h) − ℓ(θ − h)) / 2h is about 1e-16 / 1e-6.
            var floor = Math.Max(1e-8, 1e-7 * scale);
            ArrayAssert.Close(numeric, gradient, 1e-6, floor, $"seed {seed}");
        }, iter: 60);
    }

    [Fact]
    public void Flatten_IsRowMajor_InBothEngines()
    {
        // x[c, i, j] must arrive at index (c·H + i)·W + j: the dense layer's W = I copies it.
        var network = new NetworkDescription(
            [2, 2, 3],
            [new FlattenLayerDescription(), new DenseLayerDescription(12, ActivationKind.Identity)],
            LossKind.SquaredError);
        var parameters = new NetworkParameters(network);
        var W = parameters.Values("W1");
        for (var i = 0; i < 12; i++)
        {
            W[(i * 12) + i] = 1;
        }

        var x = Enumerable.Range(0, 12).Select(i => (double)i).ToArray();
        var result = JacobianEngine.Compute(parameters, x, new double[12]);
        var fast = new FastNetwork<double>(network, 1);
        fast.LoadParameters(parameters);

        Assert.Equal(x, result.Layers[0].A);
        Assert.Equal(x, fast.Logits(x, 1).ToArray());
    }

    [Fact]
    public void FloatEngine_MatchesDoubleOnRandomSmoothCnns()
    {
        // Smooth (tanh, no pooling): a float rounding cannot flip a ReLU or a pooling winner.
        Gen.Int.Sample(seed =>
        {
            var (parameters, x, y) = RandomCnn(seed, pooling: false);
            var expected = EngineProperties.FastGradient(parameters, x, y, out _);
            var fast = new FastNetwork<float>(parameters.Network, 1);
            fast.LoadParameters(parameters);
            fast.ComputeGradient(
                x.Select(v => (float)v).ToArray(), y.Select(v => (float)v).ToArray(), 1);

            var actual = fast.Gradient.ToArray().Select(v => (double)v).ToArray();
            var scale = Math.Max(1e-3, expected.Max(Math.Abs));
            var floor = Math.Max(1e-5, 1e-4 * scale);
            ArrayAssert.Close(expected, actual, 1e-3, floor, $"seed {seed}");
        }, iter: 60);
    }

    private static (NetworkParameters Parameters, double[] X, double[] Y) RandomCnn(
        int seed,
        bool pooling = true)
    {
        var rng = new Random(seed);
        var channels = rng.Next(1, 3);
        var (rows, columns) = (rng.Next(4, 9), rng.Next(4, 9));
        var layers = new List<LayerDescription>();
        int[] shape = [channels, rows, columns];
        var convolutions = rng.Next(1, 3);
        for (var i = 0; i < convolutions; i++)
        {
            var activation = pooling && rng.Next(2) == 0
                ? ActivationKind.Relu
                : ActivationKind.Tanh;
            var padding = new Size2d(rng.Next(0, 2), rng.Next(0, 2));
            var kernel = new Size2d(
                rng.Next(1, Math.Min(3, shape[1] + (2 * padding.Rows)) + 1),
                rng.Next(1, Math.Min(3, shape[2] + (2 * padding.Columns)) + 1));
            var stride = new Size2d(rng.Next(1, 3), rng.Next(1, 3));
            var conv = new Conv2dLayerDescription(
                rng.Next(1, 4), kernel, stride, padding, activation);
            layers.Add(conv);
            shape = conv.OutputShape(shape);
            if (pooling && rng.Next(2) == 0 && shape[1] >= 2 && shape[2] >= 2)
            {
                var poolStride = new Size2d(rng.Next(1, 3), rng.Next(1, 3));
                var pool = new MaxPool2dLayerDescription(new Size2d(2, 2), poolStride);
                layers.Add(pool);
                shape = pool.OutputShape(shape);
            }
        }

        layers.Add(new FlattenLayerDescription());
        var classes = rng.Next(2, 4);
        layers.Add(new DenseLayerDescription(classes, ActivationKind.Softmax));
        var network = new NetworkDescription(
            [channels, rows, columns], layers, LossKind.CrossEntropy);
        var theta = Enumerable.Range(0, network.ParameterCount)
            .Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
        var x = Enumerable.Range(0, network.InputSize)
            .Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
        var y = new double[classes];
        y[rng.Next(classes)] = 1;
        return (NetworkParameters.FromTheta(network, theta), x, y);
    }
}
