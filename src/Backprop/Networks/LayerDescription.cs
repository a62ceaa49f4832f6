using System.Text.Json.Nodes;
using Backprop.Activations;

namespace Backprop.Networks;

/// <summary>One layer of a network description, in the order the layers are applied.</summary>
public abstract record LayerDescription
{
    /// <summary>Gets the type name used in network files, such as <c>dense</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>Gets a value indicating whether the layer has parameters (W or K, and b).</summary>
    public abstract bool HasParameters { get; }

    /// <summary>Gets the activation f applied to z, or null for a layer without one.</summary>
    /// <remarks>Pooling and flatten layers have none: their output is a = z.</remarks>
    public abstract ActivationKind? AppliedActivation { get; }

    /// <summary>Computes the shape of the layer's output from the shape of its input.</summary>
    /// <param name="inputShape">[n] for a vector, [channels, height, width] for an image.</param>
    /// <returns>The output shape, in the same convention.</returns>
    /// <exception cref="ArgumentException">The layer does not fit the input shape; the
    /// message gives the sizes (the caller adds which layer).</exception>
    public abstract int[] OutputShape(IReadOnlyList<int> inputShape);

    /// <summary>Returns the shapes of the layer's parameter tensors, in θ order.</summary>
    /// <param name="inputShape">The shape of the layer's input.</param>
    /// <returns>Empty for a layer without parameters.</returns>
    public abstract IReadOnlyList<int[]> ParameterShapes(IReadOnlyList<int> inputShape);

    /// <summary>Writes the layer in the network-file format.</summary>
    /// <returns>A JSON object with <c>type</c> and the layer's settings.</returns>
    public abstract JsonObject ToJson();

    /// <summary>Writes a shape as in messages, such as <c>[1, 28, 28]</c>.</summary>
    /// <param name="shape">The shape.</param>
    /// <returns>The text.</returns>
    public static string ShapeText(IReadOnlyList<int> shape) =>
        "[" + string.Join(", ", shape) + "]";

    /// <summary>Throws unless the shape is an image [channels, height, width].</summary>
    /// <param name="inputShape">The shape to check.</param>
    /// <param name="what">What needs the image, for the message.</param>
    /// <exception cref="ArgumentException">The shape is not three-dimensional.</exception>
    protected static void RequireImage(IReadOnlyList<int> inputShape, string what)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count != 3)
        {
            throw new ArgumentException(
                $"{what} needs an image input [channels, height, width]; "
                + $"found {ShapeText(inputShape)}");
        }
    }

    /// <summary>Writes a pair of sizes as a JSON array [rows, columns].</summary>
    /// <param name="size">The pair.</param>
    /// <returns>The array.</returns>
    protected static JsonArray Pair(Size2d size) => [size.Rows, size.Columns];
}
