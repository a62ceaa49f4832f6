using Backprop.Activations;
using Backprop.Losses;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Tests.Networks;

public class NetworkParametersTests
{
    private static readonly NetworkDescription Network = new(
        [3],
        [
            new DenseLayerDescription(2, ActivationKind.Relu),
            new DenseLayerDescription(2, ActivationKind.Softmax),
        ],
        LossKind.CrossEntropy);

    [Fact]
    public void ToTheta_ThenFromTheta_RoundTrips()
    {
        var theta = Enumerable.Range(0, Network.ParameterCount).Select(i => (double)i).ToArray();

        var back = NetworkParameters.FromTheta(Network, theta).ToTheta();

        Assert.Equal(theta, back);
    }

    [Fact]
    public void FromTheta_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => NetworkParameters.FromTheta(Network, new double[3]));
    }

    [Fact]
    public void Values_UnknownName_Throws()
    {
        Assert.Throws<KeyNotFoundException>(() => new NetworkParameters(Network).Values("W9"));
    }

    [Fact]
    public void NetworkDescription_NoLayers_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => new NetworkDescription([3], [], LossKind.SquaredError));
    }

    [Fact]
    public void TrainingData_LabelOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TrainingData(new float[4], [0, 3], 2, 3));
    }

    [Fact]
    public void TrainingData_InputLengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TrainingData(new float[5], [0, 1], 2, 3));
    }

    [Fact]
    public void Initializer_SameSeed_SameParameters_AndHeScaleForRelu()
    {
        var wide = new NetworkDescription(
            [400], [new DenseLayerDescription(300, ActivationKind.Relu)], LossKind.SquaredError);

        var first = Initializer.Create(wide, 7).ToTheta();
        var second = Initializer.Create(wide, 7).ToTheta();

        Assert.Equal(first, second);
        var weights = first.Take(400 * 300).ToArray();
        var variance = weights.Select(w => w * w).Average();
        Assert.InRange(variance, 2.0 / 400 * 0.95, 2.0 / 400 * 1.05);
    }
}
