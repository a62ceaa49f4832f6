using System.Text.Json.Nodes;
using Backprop.Activations;

namespace Backprop.Networks;

/// <summary>
/// A 2-D convolution layer: z = X * K + b (cross-correlation, no kernel flip), a′ = f(z).
/// </summary>
/// <remarks>
/// K has shape [filters, channels, kernel rows, kernel columns] and b one entry per filter.
/// The input is zero-padded on every side; the output has, per axis,
/// floor((n + 2p − k) / s) + 1 positions. As a matrix, z = Teop(K) Vec(X) + b (section 3.5).
/// </remarks>
/// <param name="Filters">The number of filters, which is the number of output channels.</param>
/// <param name="Kernel">The kernel size.</param>
/// <param name="Stride">The step between output positions.</param>
/// <param name="Padding">The zeros added on each side of the input.</param>
/// <param name="Activation">The activation f.</param>
public sealed record Conv2dLayerDescription(
    int Filters,
    Size2d Kernel,
    Size2d Stride,
    Size2d Padding,
    ActivationKind Activation) : LayerDescription
{
    /// <inheritdoc/>
    public override string TypeName => "conv2d";

    /// <inheritdoc/>
    public override bool HasParameters => true;

    /// <inheritdoc/>
    public override ActivationKind? AppliedActivation => Activation;

    /// <inheritdoc/>
    public override int[] OutputShape(IReadOnlyList<int> inputShape)
    {
        RequireImage(inputShape, "a conv2d layer");
        Check(Filters > 0, $"'filters' must be positive, found {Filters}");
        Check(Kernel.Rows > 0 && Kernel.Columns > 0, $"'kernel' {Kernel} must be positive");
        Check(Stride.Rows > 0 && Stride.Columns > 0, $"'stride' {Stride} must be positive");
        Check(
            Padding.Rows >= 0 && Padding.Columns >= 0,
            $"'padding' {Padding} must not be negative");
        Check(
            Activation != ActivationKind.Softmax,
            "softmax is only supported on dense layers; use it after a flatten");
        var padded = new Size2d(
            inputShape[1] + (2 * Padding.Rows), inputShape[2] + (2 * Padding.Columns));
        if (Kernel.Rows > padded.Rows || Kernel.Columns > padded.Columns)
        {
            throw new ArgumentException(
                $"the {Kernel} kernel is larger than the padded input {padded} (input "
                + $"{inputShape[1]}×{inputShape[2]}, padding {Padding})");
        }

        return
        [
            Filters,
            ((padded.Rows - Kernel.Rows) / Stride.Rows) + 1,
            ((padded.Columns - Kernel.Columns) / Stride.Columns) + 1,
        ];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int[]> ParameterShapes(IReadOnlyList<int> inputShape)
    {
        RequireImage(inputShape, "a conv2d layer");
        return [[Filters, inputShape[0], Kernel.Rows, Kernel.Columns], [Filters]];
    }

    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["type"] = TypeName,
        ["filters"] = Filters,
        ["kernel"] = Pair(Kernel),
        ["stride"] = Pair(Stride),
        ["padding"] = Pair(Padding),
        ["activation"] = ActivationNames.ToName(Activation),
    };

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
