using System.Text.Json.Nodes;
using Backprop.Activations;

namespace Backprop.Networks;

/// <summary>A flatten layer: an image [c, h, w] becomes a vector, row-major.</summary>
/// <remarks>
/// The last index runs fastest, so for one channel the vector is the paper's Vec(Xᵀ)
/// (section 3.5). The values do not change; only the shape does. A vector passes unchanged.
/// </remarks>
public sealed record FlattenLayerDescription : LayerDescription
{
    /// <inheritdoc/>
    public override string TypeName => "flatten";

    /// <inheritdoc/>
    public override bool HasParameters => false;

    /// <inheritdoc/>
    public override ActivationKind? AppliedActivation => null;

    /// <inheritdoc/>
    public override int[] OutputShape(IReadOnlyList<int> inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        var size = 1;
        foreach (var n in inputShape)
        {
            size *= n;
        }

        return [size];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int[]> ParameterShapes(IReadOnlyList<int> inputShape) => [];

    /// <inheritdoc/>
    public override JsonObject ToJson() => new() { ["type"] = TypeName };
}
