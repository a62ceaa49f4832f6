using System.Text.Json.Nodes;
using Backprop.Activations;

namespace Backprop.Networks;

/// <summary>A 2-D max-pooling layer: each output is the maximum of one window of a channel.
/// </summary>
/// <remarks>
/// Windows may overlap (stride smaller than size). There is no padding; each axis has
/// floor((n − k) / s) + 1 outputs. When several inputs tie for the maximum, the first in
/// row-major order is the one selected, so it alone receives the gradient.
/// </remarks>
/// <param name="Size">The window size.</param>
/// <param name="Stride">The step between windows.</param>
public sealed record MaxPool2dLayerDescription(Size2d Size, Size2d Stride) : LayerDescription
{
    /// <inheritdoc/>
    public override string TypeName => "maxpool2d";

    /// <inheritdoc/>
    public override bool HasParameters => false;

    /// <inheritdoc/>
    public override ActivationKind? AppliedActivation => null;

    /// <inheritdoc/>
    public override int[] OutputShape(IReadOnlyList<int> inputShape)
    {
        RequireImage(inputShape, "a maxpool2d layer");
        if (Size.Rows <= 0 || Size.Columns <= 0 || Stride.Rows <= 0 || Stride.Columns <= 0)
        {
            throw new ArgumentException(
                $"'size' {Size} and 'stride' {Stride} must be positive");
        }

        if (Size.Rows > inputShape[1] || Size.Columns > inputShape[2])
        {
            throw new ArgumentException(
                $"the {Size} window is larger than the input {inputShape[1]}×{inputShape[2]}");
        }

        return
        [
            inputShape[0],
            ((inputShape[1] - Size.Rows) / Stride.Rows) + 1,
            ((inputShape[2] - Size.Columns) / Stride.Columns) + 1,
        ];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int[]> ParameterShapes(IReadOnlyList<int> inputShape) => [];

    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["type"] = TypeName,
        ["size"] = Pair(Size),
        ["stride"] = Pair(Stride),
    };
}
