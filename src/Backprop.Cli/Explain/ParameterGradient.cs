using Backprop.Networks;

namespace Backprop.Cli.Explain;

/// <summary>The gradient of one parameter tensor, in the tensor's own shape.</summary>
/// <param name="Parameter">The tensor: W^[l] (inputs × units) or b^[l].</param>
/// <param name="Layer">Its layer.</param>
/// <param name="Value">∇ℓ with respect to the tensor.</param>
internal sealed record ParameterGradient(
    ParameterInfo Parameter,
    LayerOverview Layer,
    ShownArray Value)
{
    /// <summary>Gets a value indicating whether this is a weight matrix (else a bias).</summary>
    public bool IsWeights => Parameter.Shape.Length == 2;

    /// <summary>Gets ∇_{W^[l]} ℓ or ∇_{b^[l]} ℓ.</summary>
    public MathText Name => Symbols.ParameterGradient(IsWeights ? "W" : "b", Layer.Number);
}
