using Backprop.Activations;
using Backprop.Losses;

namespace Backprop.Cli.Explain;

/// <summary>How ∇_{z^[L]} ℓ comes from the last activation and the loss, and its value.</summary>
/// <param name="Activation">The last activation f^[L].</param>
/// <param name="Loss">The loss.</param>
/// <param name="IsFused">Whether the pair is one of the paper's Table 1 pairs.</param>
/// <param name="Formula">The engine's formula for ∇_{z^[L]} ℓ, in Unicode.</param>
/// <param name="TargetSum">Σ yᵢ (softmax with cross-entropy gives (Σy) ŷ − y).</param>
/// <param name="Target">y.</param>
/// <param name="Output">ŷ = a^[L].</param>
/// <param name="Value">∇_{z^[L]} ℓ.</param>
/// <param name="OutputLossGradient">∇_ŷ ℓ, for the general chain rule only.</param>
/// <param name="ActivationJacobian">D^[L] = J_z f^[L](z^[L]), for the general rule only.</param>
/// <param name="ActivationDiagonal">The diagonal of D^[L] when it is diagonal, else null.</param>
internal sealed record OutputGradientStep(
    ActivationKind Activation,
    LossKind Loss,
    bool IsFused,
    string Formula,
    double TargetSum,
    ShownArray Target,
    ShownArray Output,
    ShownArray Value,
    ShownArray? OutputLossGradient,
    ShownArray? ActivationJacobian,
    ShownArray? ActivationDiagonal);
