namespace Backprop.Tests;

public sealed class NameSuggestionTests
{
    private static readonly string[] Activations =
        ["identity", "relu", "leaky-relu", "sigmoid", "tanh", "softmax"];

    [Fact]
    public void Nearest_Typo_SuggestsTheName()
    {
        Assert.Equal("softmax", NameSuggestion.Nearest("softmx", Activations));
    }

    [Fact]
    public void Nearest_LongInputHoldingTwoNames_PrefersTheLongerName()
    {
        var input = "leaky-relu" + new string('x', 30);

        Assert.Equal("leaky-relu", NameSuggestion.Nearest(input, Activations));
    }

    [Fact]
    public void Nearest_MegabyteInput_HasNoSuggestion()
    {
        Assert.Null(NameSuggestion.Nearest(new string('r', 1 << 20), Activations));
    }
}
