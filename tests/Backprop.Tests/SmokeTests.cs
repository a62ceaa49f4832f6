using Backprop.Activations;

namespace Backprop.Tests;

public class SmokeTests
{
    [Fact]
    public void ActivationNames_RoundTrip()
    {
        Assert.Equal("leaky-relu", ActivationNames.ToName(ActivationKind.LeakyRelu));
    }
}
