using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Tests.Networks;

public sealed class ModelCatalogTests
{
    [Fact]
    public void Lenet5_On28By28_HasClassicShapesAndParameterCount()
    {
        var network = ModelCatalog.TryCreate(ModelCatalog.Lenet5, 28, 28, 10)!;

        Assert.Equal(
            "1×28×28-6×28×28-6×14×14-16×10×10-16×5×5-400-120-84-10", network.ShapeText());
        Assert.Equal(61_706, network.ParameterCount);
        Assert.Equal(
            ["K1", "b1", "K2", "b2", "W3", "b3", "W4", "b4", "W5", "b5"],
            network.Parameters.Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Lenet5_TakesAsManyInputsAsTheImageHasPixels()
    {
        var network = ModelCatalog.TryCreate(ModelCatalog.Lenet5, 28, 28, 10)!;

        Assert.Equal([1, 28, 28], network.InputShape);
        Assert.Equal(784, network.InputSize);
    }

    [Fact]
    public void Lenet5_ImagesTooSmall_AreRejectedNamingTheLayer()
    {
        var error = Assert.Throws<ArgumentException>(
            () => ModelCatalog.TryCreate(ModelCatalog.Lenet5, 8, 8, 10));

        Assert.Contains("layer 3 (conv2d)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Initializer_ConvKernels_UseHeVarianceWithChannelsTimesKernelFanIn()
    {
        // K2 is [16, 6, 5, 5]: fan-in 6·5·5 = 150, so He gives σ = √(2/150).
        var network = ModelCatalog.TryCreate(ModelCatalog.Lenet5, 28, 28, 10)!;

        var K2 = Initializer.Create(network, 7).Values("K2");

        var sigma = Math.Sqrt(K2.Select(k => k * k).Average());
        Assert.InRange(sigma, 0.95 * Math.Sqrt(2.0 / 150), 1.05 * Math.Sqrt(2.0 / 150));
        Assert.All(Initializer.Create(network, 7).Values("b2"), b => Assert.Equal(0.0, b));
    }
}
