using Backprop.Activations;
using Backprop.Jacobians;
using Backprop.Losses;
using Backprop.Networks;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.Paper;

/// <summary>One test per correction listed in docs/paper-errata.md.</summary>
public class PaperCorrectionsTests
{
    [Fact]
    public void Correction1_Toeplitz3x3By2x2_RowsThreeAndFourAreShiftedByOneInputRow()
    {
        // Kernel entries k1..k4 = 1..4 so each position shows which kᵢ sits there.
        var T = ToeplitzMatrix.Build([1, 2, 3, 4], 2, 2, 3, 3);

        Assert.Equal([1, 2, 0, 3, 4, 0, 0, 0, 0], T.Row(0).ToArray());
        Assert.Equal([0, 1, 2, 0, 3, 4, 0, 0, 0], T.Row(1).ToArray());
        Assert.Equal([0, 0, 0, 1, 2, 0, 3, 4, 0], T.Row(2).ToArray());
        Assert.Equal([0, 0, 0, 0, 1, 2, 0, 3, 4], T.Row(3).ToArray());
    }

    [Fact]
    public void Correction1_ToeplitzProduct_EqualsCrossCorrelation()
    {
        double[] X = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        double[] K = [1, -1, 2, 0.5];

        var product = ToeplitzMatrix.Build(K, 2, 2, 3, 3).Multiply(X);

        // (X * K)[r, s] = Σ K[p, q] X[r + p, s + q], no kernel flip.
        double[] expected =
        [
            (1 * 1) - 2 + (2 * 4) + (0.5 * 5),
            (1 * 2) - 3 + (2 * 5) + (0.5 * 6),
            (1 * 4) - 5 + (2 * 7) + (0.5 * 8),
            (1 * 5) - 6 + (2 * 8) + (0.5 * 9),
        ];
        Assert.Equal(expected, product);
    }

    [Fact]
    public void Correction2_LinearRegressionGradient_IsMinusTwoXTimesResidual()
    {
        // ∇θ (y − ŷ)² = −2 [x; 1] (y − ŷ), the sign Proposition 5 and Table 2 drop.
        var item = TestCases.Load("04-simple-linear-regression.json");
        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);
        var residual = item.Y[0] - result.Output[0];

        ArrayAssert.Close([-2 * item.X[0] * residual, -2 * residual], result.ThetaGradient, 1e-14);
    }

    [Fact]
    public void Correction3_Softmax_IsExponentialOverSumOfExponentials()
    {
        var a = new double[2];

        SoftmaxActivation.Instance.Forward<double>([0.0, Math.Log(3)], a, 2);

        ArrayAssert.Close([0.25, 0.75], a, 1e-15);
    }

    [Fact]
    public void Correction4_KroneckerBlockOfLayerOne_HoldsTheInputX()
    {
        var item = TestCases.Load("02-two-layer-relu-softmax-ce.json");
        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);
        var J = result.Layers[0].ParameterJacobian!.ToMatrix();

        // Row j is [0 … xᵀ … 0 | eⱼ]: x in the j-th block of four columns.
        Assert.Equal(item.X, J.Row(1).Slice(4, 4).ToArray());
        Assert.Equal(1.0, J[1, 20 + 1]);
    }

    [Fact]
    public void Correction5_Lenet300100_HasThreeHundredThenOneHundredUnits()
    {
        var network = ModelCatalog.TryCreate(ModelCatalog.Lenet300100, 784, 10)!;

        Assert.Equal("784-300-100-10", network.ShapeText());
        Assert.Equal(266_610, network.ParameterCount);
    }

    [Fact]
    public void Correction6_LogisticRegression_IsSigmoidOfWeightsTimesXPlusBias()
    {
        // ŷ = σ(wᵀx + b); the gradient is (ŷ − y) [x; 1].
        var item = TestCases.Load("07-logistic-regression.json");
        var w = item.Parameters.Values("W1");
        var b = item.Parameters.Values("b1")[0];
        var yHat = SigmoidActivation.Sigmoid(w.Zip(item.X, (p, q) => p * q).Sum() + b);

        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);

        var error = yHat - item.Y[0];
        var expected = item.X.Select(v => error * v).Append(error).ToArray();
        ArrayAssert.Close(expected, result.ThetaGradient, 1e-12);
    }

    [Fact]
    public void Correction7_TwoLayerNetwork_OutputGradientIsWithRespectToZ2()
    {
        // For L = 2 the output factor is ∇_{z^[2]} ℓ, of length n_2 (section 3.2 writes z^[3]).
        var item = TestCases.Load("02-two-layer-relu-softmax-ce.json");
        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);

        Assert.Equal(2, result.Layers.Count);
        Assert.Equal(result.Layers[1].Z.Length, result.OutputGradient.Length);
        var expected = result.Output.Zip(item.Y, (yHat, y) => yHat - y).ToArray();
        ArrayAssert.Close(expected, result.OutputGradient, 1e-15, 1e-16);
        Assert.True(new OutputHead(ActivationKind.Softmax, LossKind.CrossEntropy).IsFused);
    }

    [Fact]
    public void Correction7_SigmoidNeverReachesZeroOrOne_ForModerateLogits()
    {
        for (var z = -30.0; z <= 30.0; z += 0.5)
        {
            var s = SigmoidActivation.Sigmoid(z);
            Assert.InRange(s, double.Epsilon, Math.BitDecrement(1.0));
        }
    }
}
