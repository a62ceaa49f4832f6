using Backprop.Losses;

namespace Backprop.Cli.Explain;

/// <summary>
/// Everything the explanation shows for one sample, in the order of the paper's derivation:
/// network, forward pass, ∇_{z^[L]} ℓ, factors, blocks of J_θ z^[L], and ∇_θ ℓ.
/// </summary>
/// <remarks>Built once by <see cref="DerivationBuilder"/>; every renderer reads it.</remarks>
internal sealed record Derivation(
    string CaseName,
    int InputSize,
    IReadOnlyList<LayerOverview> Layers,
    LossKind Loss,
    int ParameterCount,
    ShownArray X,
    IReadOnlyList<ForwardStep> Forward,
    double LossValue,
    OutputGradientStep Output,
    IReadOnlyList<FactorStep> Factors,
    IReadOnlyList<BlockStep> Blocks,
    ShownArray ThetaJacobian,
    ShownArray ThetaGradient,
    IReadOnlyList<ParameterGradient> Gradients)
{
    /// <summary>Gets L, the number of layers.</summary>
    public int LayerCount => Layers.Count;

    /// <summary>Gets n_L, the number of outputs.</summary>
    public int OutputSize => Layers[^1].Units;
}
