using Backprop.Jacobians;
using Backprop.Layers;
using Backprop.Networks;
using Backprop.Tests.TestSupport;
using CsCheck;

namespace Backprop.Tests.Layers;

public sealed class MaxPool2dLayerTests
{
    [Fact]
    public void Forward_Ties_SelectFirstMaximumInRowMajorOrder()
    {
        // One 2×2 window per channel: all equal; max twice on the second row; max on both
        // rows, first at (0, 1).
        double[] x = [5, 5, 5, 5, 1, 2, 7, 7, 1, 3, 3, 2];
        var g = new ConvolutionGeometry(3, 2, 2, new Size2d(2, 2), new Size2d(2, 2), default);
        var z = new double[3];
        var argmax = new int[3];

        MaxPool2dLayer.Forward<double>(x, g, z, argmax);

        Assert.Equal([5.0, 7.0, 3.0], z);
        Assert.Equal([0, 6, 9], argmax);
    }

    [Fact]
    public void Forward_TwoByTwoFloat_MatchesTheScalarScan()
    {
        // float 2 × 2 windows with stride 2 take the vector path; double takes the scalar
        // scan. Small integers make ties common; NaN and −0 test the strict comparison.
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var (rows, columns) = (rng.Next(2, 13), rng.Next(8, 30));
            var g = new ConvolutionGeometry(
                rng.Next(1, 4), rows, columns, new Size2d(2, 2), new Size2d(2, 2), default);
            var x = new double[g.InputSize];
            for (var i = 0; i < x.Length; i++)
            {
                var pick = rng.Next(12);
                x[i] = pick switch { 0 => double.NaN, 1 => -0.0, _ => rng.Next(-2, 3) };
            }

            var expected = new double[g.Channels * g.OutputArea];
            var expectedArgmax = new int[expected.Length];
            MaxPool2dLayer.Forward<double>(x, g, expected, expectedArgmax);
            var z = new float[expected.Length];
            var argmax = new int[expected.Length];

            MaxPool2dLayer.Forward<float>(Array.ConvertAll(x, v => (float)v), g, z, argmax);

            Assert.Equal(expectedArgmax, argmax);
            Assert.Equal(
                Array.ConvertAll(expected, BitConverter.DoubleToInt64Bits),
                Array.ConvertAll(z, v => BitConverter.DoubleToInt64Bits(v)));
        }, iter: 300);
    }

    [Fact]
    public void Backward_Ties_SendGradientOnlyToFirstMaximum()
    {
        double[] x = [2, 2, 2, 2];
        var g = new ConvolutionGeometry(1, 2, 2, new Size2d(2, 2), new Size2d(1, 1), default);
        var z = new double[1];
        var argmax = new int[1];
        MaxPool2dLayer.Forward<double>(x, g, z, argmax);
        var dx = new double[4];

        MaxPool2dLayer.Backward<double>([1.5], argmax, dx);

        Assert.Equal([1.5, 0, 0, 0], dx);
    }

    [Fact]
    public void Backward_OverlappingWindows_AddGradients()
    {
        // 1×3 input, windows of 2 with stride 1: both windows pick the middle value.
        double[] x = [0, 9, 1];
        var g = new ConvolutionGeometry(1, 1, 3, new Size2d(1, 2), new Size2d(1, 1), default);
        var z = new double[2];
        var argmax = new int[2];
        MaxPool2dLayer.Forward<double>(x, g, z, argmax);
        var dx = new double[3];

        MaxPool2dLayer.Backward<double>([1, 2], argmax, dx);

        Assert.Equal([0, 3.0, 0], dx);
    }

    [Fact]
    public void Backward_SatisfiesTransposeIdentity()
    {
        // With the winners fixed, pooling is z = S x; v · (S u) = (Sᵀ v) · u.
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var (rows, columns) = (rng.Next(1, 8), rng.Next(1, 8));
            var size = new Size2d(rng.Next(1, rows + 1), rng.Next(1, columns + 1));
            var stride = new Size2d(rng.Next(1, 3), rng.Next(1, 3));
            var g = new ConvolutionGeometry(rng.Next(1, 3), rows, columns, size, stride, default);
            var x = RandomConvolution.Values(rng, g.InputSize);
            var z = new double[g.Channels * g.OutputArea];
            var argmax = new int[z.Length];
            MaxPool2dLayer.Forward<double>(x, g, z, argmax);
            var S = new SelectionFactor(argmax, g.InputSize);
            var u = RandomConvolution.Values(rng, g.InputSize);
            var v = RandomConvolution.Values(rng, z.Length);

            var STv = new double[g.InputSize];
            MaxPool2dLayer.Backward<double>(v, argmax, STv);

            var left = RandomConvolution.Dot(v, S.ToMatrix().Multiply(u));
            var right = RandomConvolution.Dot(STv, u);
            ArrayAssert.Close([left], [right], 1e-12, 1e-12, $"seed {seed}: v·(Su) vs (Sᵀv)·u");
            ArrayAssert.Close(S.ApplyTranspose(v), STv, 1e-15, 1e-15, $"seed {seed}");
        }, iter: 300);
    }
}
