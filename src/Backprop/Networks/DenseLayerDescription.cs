using Backprop.Activations;

namespace Backprop.Networks;

/// <summary>A dense layer z = Wᵀ a + b, a′ = f(z), with W of shape inputs × units.</summary>
/// <param name="Units">The number of units n_l.</param>
/// <param name="Activation">The activation f.</param>
public sealed record DenseLayerDescription(int Units, ActivationKind Activation)
    : LayerDescription
{
    /// <inheritdoc/>
    public override string TypeName => "dense";

    /// <inheritdoc/>
    public override bool HasParameters => true;
}
