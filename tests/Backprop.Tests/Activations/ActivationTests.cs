using Backprop.Activations;
using Backprop.Jacobians;
using Backprop.Tests.TestSupport;
using CsCheck;

namespace Backprop.Tests.Activations;

public class ActivationTests
{
    [Fact]
    public void Relu_DerivativeAtZero_IsZero()
    {
        var D = (DiagonalFactor)ReluActivation.Instance.Jacobian([0.0], [0.0]);

        Assert.Equal(0.0, D.Diagonal[0]);
    }

    [Fact]
    public void LeakyRelu_SlopeIsOneHundredth_AndDerivativeAtZeroIsSlope()
    {
        var a = new double[2];
        LeakyReluActivation.Instance.Forward<double>([-2.0, 0.0], a, 2);
        var D = (DiagonalFactor)LeakyReluActivation.Instance.Jacobian([0.0], [0.0]);

        Assert.Equal(-0.02, a[0]);
        Assert.Equal(0.01, D.Diagonal[0]);
    }

    [Fact]
    public void Softmax_SumsToOne_AndIgnoresConstantShift()
    {
        Gen.Double[-50, 50].Array[2, 8].Sample(z =>
        {
            var a = new double[z.Length];
            var shifted = new double[z.Length];
            SoftmaxActivation.Instance.Forward<double>(z, a, z.Length);
            var moved = z.Select(v => v + 123.0).ToArray();
            SoftmaxActivation.Instance.Forward<double>(moved, shifted, z.Length);

            Assert.Equal(1.0, a.Sum(), 12);
            ArrayAssert.Close(a, shifted, 1e-9, 1e-15);
        });
    }

    [Fact]
    public void Softmax_IsTheCorrectedDefinition_NotTheSigmoid()
    {
        // Definition 4 of the paper repeats the sigmoid; softmax is e^(zᵢ) / Σⱼ e^(zⱼ).
        var a = new double[3];
        SoftmaxActivation.Instance.Forward<double>([1.0, 2.0, 3.0], a, 3);
        var sum = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);

        ArrayAssert.Close([Math.Exp(1) / sum, Math.Exp(2) / sum, Math.Exp(3) / sum], a, 1e-15);
    }

    [Fact]
    public void Softmax_LargeLogits_StayFinite()
    {
        var a = new double[3];
        SoftmaxActivation.Instance.Forward<double>([1000.0, -1000.0, 999.0], a, 3);

        Assert.All(a, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(1.0 / (1.0 + Math.Exp(-1.0)), a[0], 14);
    }

    [Fact]
    public void Softmax_JacobianIsDiagMinusOuterProduct_AndDense()
    {
        var a = new double[2];
        SoftmaxActivation.Instance.Forward<double>([0.3, -0.1], a, 2);

        var D = SoftmaxActivation.Instance.Jacobian([0.3, -0.1], a);

        Assert.Equal(FactorStructure.Dense, D.Structure);
        Assert.Equal(a[0] - (a[0] * a[0]), D.ToMatrix()[0, 0], 15);
        Assert.Equal(-a[0] * a[1], D.ToMatrix()[0, 1], 15);
    }

    [Fact]
    public void Sigmoid_DerivativeIsSigmaTimesOneMinusSigma()
    {
        Gen.Double[-20, 20].Sample(z =>
        {
            var s = SigmoidActivation.Sigmoid(z);
            var D = (DiagonalFactor)SigmoidActivation.Instance.Jacobian([z], [s]);

            Assert.Equal(s * (1 - s), D.Diagonal[0], 12);
        });
    }

    [Fact]
    public void Sigmoid_RangeIsOpenInterval_ForModerateLogits()
    {
        // Section 3.2 gives [0, 1]; σ never reaches either end for finite z.
        Assert.InRange(SigmoidActivation.Sigmoid(-30.0), double.Epsilon, 1e-13);
        Assert.True(SigmoidActivation.Sigmoid(30.0) < 1.0);
        Assert.InRange(SigmoidActivation.Sigmoid(-1000.0), 0.0, 1e-300);
    }

    [Fact]
    public void Elementwise_BackwardEqualsJacobianTransposeTimesVector()
    {
        double[] z = [-1.5, 0.2, 2.5];
        double[] da = [0.3, -0.7, 1.1];
        foreach (var kind in Enum.GetValues<ActivationKind>())
        {
            var f = Activation.FromKind(kind);
            var a = new double[3];
            var dz = new double[3];
            f.Forward<double>(z, a, 3);

            f.Backward<double>(z, a, da, dz, 3);

            var expected = f.Jacobian(z, a).ApplyTranspose(da);
            ArrayAssert.Close(expected, dz, 1e-15, 1e-15, kind.ToString());
        }
    }

    [Fact]
    public void ActivationNames_ParseEveryName()
    {
        foreach (var name in ActivationNames.All)
        {
            Assert.True(ActivationNames.TryParse(name, out var kind));
            Assert.Equal(name, ActivationNames.ToName(kind));
        }

        Assert.False(ActivationNames.TryParse("ReLU", out _));
    }
}
