namespace Backprop.Cli.Explain;

/// <summary>
/// Layer l's block of J_θ z^[L]: the chain J_{z^[l]} z^[L] times [I ⊗ (a^[l-1])ᵀ | I].
/// </summary>
/// <param name="Layer">The layer.</param>
/// <param name="Product">The factors, left to right: (W^[L])ᵀ D^[L-1] ⋯ (W^[l+1])ᵀ D^[l], then
/// layer l's parameter Jacobian.</param>
/// <param name="Chain">J_{z^[l]} z^[L], n_L × n_l (the identity for the last layer).</param>
/// <param name="Value">J_{W^[l],b^[l]} z^[L], n_L × (n_(l−1) n_l + n_l).</param>
/// <param name="ZGradient">∇_{z^[l]} ℓ = (J_{z^[l]} z^[L])ᵀ ∇_{z^[L]} ℓ.</param>
internal sealed record BlockStep(
    LayerOverview Layer,
    IReadOnlyList<FactorStep> Product,
    ShownArray Chain,
    ShownArray Value,
    ShownArray ZGradient);
