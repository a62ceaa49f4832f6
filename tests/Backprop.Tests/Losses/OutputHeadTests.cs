using Backprop.Activations;
using Backprop.Losses;
using Backprop.Tests.TestSupport;
using CsCheck;

namespace Backprop.Tests.Losses;

public class OutputHeadTests
{
    [Theory]
    [InlineData(ActivationKind.Sigmoid, LossKind.BinaryCrossEntropy)]
    [InlineData(ActivationKind.Softmax, LossKind.CrossEntropy)]
    [InlineData(ActivationKind.Sigmoid, LossKind.CrossEntropy)]
    [InlineData(ActivationKind.Softmax, LossKind.BinaryCrossEntropy)]
    public void Evaluate_LogitsOfPlusMinus1000_GiveFiniteLossAndGradient(
        ActivationKind activation,
        LossKind loss)
    {
        var head = new OutputHead(activation, loss);
        double[] z = [1000, -1000];
        double[] y = [0.5, 0.5];
        var yHat = new double[2];
        var dz = new double[2];

        var value = head.Evaluate<double>(z, y, yHat, dz, 2);

        Assert.True(double.IsFinite(value), $"loss {value}");
        Assert.All(dz, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void SoftmaxCrossEntropy_LargeLogits_AreExact()
    {
        var head = new OutputHead(ActivationKind.Softmax, LossKind.CrossEntropy);
        var yHat = new double[2];
        var dz = new double[2];

        var loss = head.Evaluate<double>([1000.0, -1000.0], [0.0, 1.0], yHat, dz, 2);

        Assert.Equal(2000.0, loss, 9);
        ArrayAssert.Close([1.0, -1.0], dz, 1e-15);
    }

    [Fact]
    public void SigmoidBce_Logit30_KeepsRelativeAccuracy()
    {
        var head = new OutputHead(ActivationKind.Sigmoid, LossKind.BinaryCrossEntropy);
        var yHat = new double[1];
        var dz = new double[1];

        var loss = head.Evaluate<double>([30.0], [1.0], yHat, dz, 1);

        // ℓ = log(1 + e^(−30)), about 9.36e-14, which 1 − σ(30) would get wrong by 1e-3.
        Assert.Equal(Math.Exp(-30) - (Math.Exp(-60) / 2), loss, 1e-25);
    }

    [Fact]
    public void FusedPairs_MatchGeneralChainRule()
    {
        Gen.Double[-5, 5].Array[3].Select(Gen.Double[0.05, 1].Array[3]).Sample((z, w) =>
        {
            var y = w.Select(v => v / w.Sum()).ToArray();
            foreach (var (activation, loss) in new[]
            {
                (ActivationKind.Softmax, LossKind.CrossEntropy),
                (ActivationKind.Sigmoid, LossKind.BinaryCrossEntropy),
                (ActivationKind.Identity, LossKind.SquaredError),
            })
            {
                var (fusedLoss, fusedDz) = Run(new OutputHead(activation, loss), z, y);
                var (generalLoss, generalDz) = General(activation, loss, z, y);

                ArrayAssert.Close([generalLoss], [fusedLoss], 1e-10, 1e-12, $"{activation} loss");
                ArrayAssert.Close(generalDz, fusedDz, 1e-9, 1e-12, $"{activation} dz");
            }
        });
    }

    [Fact]
    public void SquaredError_GradientHasMinusSign_CorrectingProposition5()
    {
        // ∇θ (y − ŷ)² = −2 [x; 1] (y − ŷ): with ŷ below y the gradient is negative.
        var head = new OutputHead(ActivationKind.Identity, LossKind.SquaredError);
        var dz = new double[1];

        head.Evaluate<double>([1.0], [3.0], new double[1], dz, 1);

        Assert.Equal(-4.0, dz[0]);
    }

    [Fact]
    public void Losses_AreNonNegative()
    {
        Gen.Double[-10, 10].Array[4].Select(Gen.Double[0, 1].Array[4]).Sample((z, y) =>
        {
            foreach (var activation in new[] { ActivationKind.Sigmoid, ActivationKind.Softmax })
            {
                foreach (var loss in Enum.GetValues<LossKind>())
                {
                    var (value, _) = Run(new OutputHead(activation, loss), z, y);
                    Assert.True(value >= -1e-12, $"{activation}/{loss}: {value}");
                }
            }
        });
    }

    [Fact]
    public void IsFused_OnlyForTable1Pairs()
    {
        var fused = 0;
        foreach (var activation in Enum.GetValues<ActivationKind>())
        {
            foreach (var loss in Enum.GetValues<LossKind>())
            {
                fused += new OutputHead(activation, loss).IsFused ? 1 : 0;
            }
        }

        Assert.Equal(3, fused);
    }

    private static (double Loss, double[] Dz) Run(OutputHead head, double[] z, double[] y)
    {
        var yHat = new double[z.Length];
        var dz = new double[z.Length];
        var loss = head.Evaluate<double>(z, y, yHat, dz, z.Length);
        return (loss, dz);
    }

    private static (double Loss, double[] Dz) General(
        ActivationKind activation,
        LossKind loss,
        double[] z,
        double[] y)
    {
        // ∇z ℓ = J_z f(z)ᵀ ∇_ŷ ℓ, assembled from the separate pieces.
        var f = Activation.FromKind(activation);
        var l = Loss.FromKind(loss);
        var yHat = new double[z.Length];
        f.Forward<double>(z, yHat, z.Length);
        var dyHat = new double[z.Length];
        l.Gradient<double>(yHat, y, dyHat);
        return (l.Value<double>(yHat, y), f.Jacobian(z, yHat).ApplyTranspose(dyHat));
    }
}
