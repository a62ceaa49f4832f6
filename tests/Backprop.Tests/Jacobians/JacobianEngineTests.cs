using Backprop.Jacobians;
using Backprop.LinearAlgebra;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.Jacobians;

public class JacobianEngineTests
{
    public static TheoryData<string> AllCases => TestCases.All();

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Compute_MatchesGoldenCase(string name)
    {
        var item = TestCases.Load(name);
        var (loss, theta) = TestCases.Expected(name);

        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);

        ArrayAssert.Close([loss], [result.Loss], 1e-9, 1e-12, "loss");
        ArrayAssert.Close(theta, result.ThetaGradient, 1e-9, 1e-12, "theta_gradient");
    }

    [Fact]
    public void Compute_OneLayerSoftmax_HasPaperShape3x15()
    {
        var item = TestCases.Load("01-one-layer-softmax-ce.json");

        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);

        Assert.Equal((3, 15), (result.ThetaJacobian.Rows, result.ThetaJacobian.Columns));
    }

    [Fact]
    public void Compute_TwoLayerNetwork_HasPaperBlockShapes()
    {
        var item = TestCases.Load("02-two-layer-relu-softmax-ce.json");

        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);

        Assert.Equal((3, 25), (result.LayerBlock(0).Rows, result.LayerBlock(0).Columns));
        Assert.Equal((3, 18), (result.LayerBlock(1).Rows, result.LayerBlock(1).Columns));
    }

    [Fact]
    public void Compute_LenetThetaJacobian_Is10By266610()
    {
        var item = TestCases.Load("03-lenet-300-100.json");

        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);

        Assert.Equal(10, result.ThetaJacobian.Rows);
        Assert.Equal(266_610, result.ThetaJacobian.Columns);
    }

    [Fact]
    public void LayerBlock_EqualsChainTimesKroneckerFactor()
    {
        var item = TestCases.Load("10-deep-five-layer-mixed.json");
        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);

        for (var layer = 0; layer < result.Layers.Count; layer++)
        {
            var trace = result.Layers[layer];
            var expected = trace.ChainToOutput.Multiply(trace.ParameterJacobian!.ToMatrix());
            ArrayAssert.Close(expected.Data, result.LayerBlock(layer).Data, 1e-14, 1e-15);
        }
    }

    [Fact]
    public void Compute_ChainIsProductOfTransposedWeightsAndActivationJacobians()
    {
        // J_{z^[1]} z^[2] = (W^[2])ᵀ D^[1]: the corrected order of section 3.3.
        var item = TestCases.Load("02-two-layer-relu-softmax-ce.json");
        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);
        var W2 = new Matrix(5, 3, item.Parameters.Values("W2"));

        var expected = W2.Transpose().Multiply(result.Layers[0].ActivationJacobian.ToMatrix());

        ArrayAssert.Close(expected.Data, result.Layers[0].ChainToOutput.Data, 1e-15, 1e-15);
    }

    [Fact]
    public void Compute_KroneckerBlockHoldsLayerInput_NotLayerOutput()
    {
        // Correction of Algorithm 1, line 3: layer l's block diagonal holds a^[l-1].
        var item = TestCases.Load("02-two-layer-relu-softmax-ce.json");
        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);

        Assert.Equal(item.X, ((KroneckerFactor)result.Layers[0].ParameterJacobian!).Input);
        var second = (KroneckerFactor)result.Layers[1].ParameterJacobian!;
        Assert.Equal(result.Layers[0].A, second.Input);
    }

    [Fact]
    public void Compute_ReluZeroUnits_GiveZeroColumnsInLayerBlock()
    {
        var item = TestCases.Load("12-relu-exact-zero.json");
        var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);
        var trace = result.Layers[0];

        for (var j = 0; j < trace.Z.Length; j++)
        {
            if (trace.Z[j] <= 0)
            {
                for (var r = 0; r < result.ThetaJacobian.Rows; r++)
                {
                    Assert.Equal(0.0, trace.ChainToOutput[r, j]);
                }
            }
        }
    }

    [Fact]
    public void Compute_TooLargeJacobian_ThrowsWithSize()
    {
        var item = TestCases.Load("03-lenet-300-100.json");

        var error = Assert.Throws<InsufficientMemoryException>(() =>
            JacobianEngine.Compute(item.Parameters, item.X, item.Y, maxEntries: 1000));

        Assert.Contains("10 × 266610", error.Message, StringComparison.Ordinal);
        Assert.Contains("fast engine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_WrongInputLength_Throws()
    {
        var item = TestCases.Load("02-two-layer-relu-softmax-ce.json");

        Assert.Throws<ArgumentException>(() =>
            JacobianEngine.Compute(item.Parameters, new double[3], item.Y));
    }
}
