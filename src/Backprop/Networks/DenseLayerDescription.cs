using System.Text.Json.Nodes;
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

    /// <inheritdoc/>
    public override ActivationKind? AppliedActivation => Activation;

    /// <inheritdoc/>
    /// <remarks>A dense layer needs a vector; an image must pass a flatten layer first.</remarks>
    public override int[] OutputShape(IReadOnlyList<int> inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count != 1)
        {
            throw new ArgumentException(
                $"input shape {ShapeText(inputShape)} is an image; a dense layer needs a "
                + "vector input [n] (add {\"type\": \"flatten\"} before it)");
        }

        return [Units];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int[]> ParameterShapes(IReadOnlyList<int> inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        return [[inputShape[0], Units], [Units]];
    }

    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["type"] = TypeName,
        ["units"] = Units,
        ["activation"] = ActivationNames.ToName(Activation),
    };
}
