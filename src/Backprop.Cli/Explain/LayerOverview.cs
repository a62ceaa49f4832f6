using Backprop.Activations;
using Backprop.Networks;

namespace Backprop.Cli.Explain;

/// <summary>One dense layer as the derivation names it: layer l counts from 1.</summary>
/// <param name="Number">The paper's layer number l, from 1.</param>
/// <param name="Inputs">n_(l−1), the length of the layer's input a^[l-1].</param>
/// <param name="Units">n_l.</param>
/// <param name="Activation">f^[l].</param>
/// <param name="Weights">W^[l], inputs × units, and its place in θ.</param>
/// <param name="Bias">b^[l] and its place in θ.</param>
internal sealed record LayerOverview(
    int Number,
    int Inputs,
    int Units,
    ActivationKind Activation,
    ParameterInfo Weights,
    ParameterInfo Bias)
{
    /// <summary>Gets where the layer's block [Vec(W^[l]); b^[l]] starts in θ, from 0.</summary>
    public int ThetaOffset => Weights.ThetaOffset;

    /// <summary>Gets the length of the layer's block of θ: n_(l−1) n_l + n_l.</summary>
    public int ThetaCount => Weights.Count + Bias.Count;
}
