using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Activations;
using Backprop.Losses;

namespace Backprop.Networks;

/// <summary>A network: input shape, an ordered list of layers, and the loss.</summary>
/// <remarks>
/// Parameters are named by the index of the layer among layers that have parameters,
/// counting from 1 (<c>W1</c>, <c>b1</c>, <c>K2</c>, …), and θ = [Vec(W1); b1; …], where a
/// convolution's block is K flattened row-major (last index fastest), then its bias.
/// </remarks>
public sealed class NetworkDescription
{
    private readonly int[][] shapes;
    private readonly int[] sizes;
    private readonly int[] weightIndex;

    /// <summary>Initializes a description, inferring every layer's output shape.</summary>
    /// <remarks><see cref="NetworkReader"/> reads one from a file.</remarks>
    /// <param name="inputShape">Shape of x: [n] for a vector, [channels, height, width] for
    /// an image.</param>
    /// <param name="layers">The layers in order.</param>
    /// <param name="loss">The loss.</param>
    /// <exception cref="ArgumentException">The layers do not fit the input shape, or a layer
    /// output, a parameter tensor or θ would hold more than <see cref="Array.MaxLength"/>
    /// values; the message names the layer and the sizes.</exception>
    public NetworkDescription(
        IReadOnlyList<int> inputShape,
        IReadOnlyList<LayerDescription> layers,
        LossKind loss)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        InputShape = [.. inputShape];
        InputSize = Product(inputShape, "the input");
        Layers = [.. layers];
        Loss = loss;
        shapes = new int[layers.Count][];
        sizes = new int[layers.Count];
        IReadOnlyList<int> current = InputShape;
        for (var layer = 0; layer < layers.Count; layer++)
        {
            try
            {
                shapes[layer] = layers[layer].OutputShape(current);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(
                    $"layer {layer + 1} ({layers[layer].TypeName}): {e.Message}",
                    nameof(layers),
                    e);
            }

            current = shapes[layer];
            sizes[layer] = Product(current, $"layer {layer + 1}'s output");
        }

        weightIndex = new int[layers.Count];
        Parameters = BuildParameters();
        ParameterCount = Parameters.Count == 0
            ? 0
            : Parameters[^1].ThetaOffset + Parameters[^1].Count;
    }

    /// <summary>Gets the shape of one input sample.</summary>
    public IReadOnlyList<int> InputShape { get; }

    /// <summary>Gets whether images of rows × columns pixels fit the input.</summary>
    /// <remarks>A flat input [n] takes any image of n pixels; an image input [C, H, W]
    /// takes only [1, rows, columns], and [H, W] only [rows, columns].</remarks>
    /// <param name="rows">The image height.</param>
    /// <param name="columns">The image width.</param>
    /// <returns>True when the images fit without reshaping.</returns>
    public bool TakesImages(int rows, int columns) => InputShape.Count switch
    {
        1 => InputSize == (long)rows * columns,
        2 => InputShape[0] == rows && InputShape[1] == columns,
        _ => InputShape.Count == 3
            && InputShape[0] == 1 && InputShape[1] == rows && InputShape[2] == columns,
    };

    /// <summary>Gets the input shape as text, such as <c>[1, 28, 28]</c>.</summary>
    public string InputShapeText => "[" + string.Join(", ", InputShape) + "]";

    /// <summary>Gets the number of values in one input sample.</summary>
    public int InputSize { get; }

    /// <summary>Gets the layers in the order they are applied.</summary>
    public IReadOnlyList<LayerDescription> Layers { get; }

    /// <summary>Gets the loss.</summary>
    public LossKind Loss { get; }

    /// <summary>Gets the parameter tensors in θ order.</summary>
    public IReadOnlyList<ParameterInfo> Parameters { get; }

    /// <summary>Gets the length of θ.</summary>
    public int ParameterCount { get; }

    /// <summary>Gets the number of output values n_L.</summary>
    public int OutputSize => LayerOutputSize(Layers.Count - 1);

    /// <summary>Gets the activation of the last layer (identity when it has none).</summary>
    public ActivationKind OutputActivation =>
        Layers[^1].AppliedActivation ?? ActivationKind.Identity;

    /// <summary>Returns the shape of a layer's output for one sample.</summary>
    /// <param name="layer">The layer index, from 0.</param>
    /// <returns>[n] or [channels, height, width].</returns>
    public IReadOnlyList<int> LayerOutputShape(int layer) => shapes[layer];

    /// <summary>Returns the shape of a layer's input for one sample.</summary>
    /// <param name="layer">The layer index, from 0.</param>
    /// <returns>The previous layer's output shape, or the input shape for the first layer.
    /// </returns>
    public IReadOnlyList<int> LayerInputShape(int layer) =>
        layer == 0 ? InputShape : shapes[layer - 1];

    /// <summary>Returns the number of values a layer outputs for one sample.</summary>
    /// <param name="layer">The layer index, from 0.</param>
    /// <returns>n_l.</returns>
    public int LayerOutputSize(int layer) => sizes[layer];

    /// <summary>Returns the number of values a layer receives for one sample.</summary>
    /// <param name="layer">The layer index, from 0.</param>
    /// <returns>n_(l−1), or the input size for the first layer.</returns>
    public int LayerInputSize(int layer) => layer == 0 ? InputSize : LayerOutputSize(layer - 1);

    /// <summary>Returns the index in <see cref="Parameters"/> of a layer's W or K.</summary>
    /// <remarks>Its bias b follows at the next index.</remarks>
    /// <param name="layer">The layer index, from 0.</param>
    /// <returns>The index, or −1 for a layer without parameters.</returns>
    public int WeightParameterIndex(int layer) => weightIndex[layer];

    /// <summary>Describes the shape as text, such as <c>784-300-100-10</c>.</summary>
    /// <returns>The widths joined by dashes; images written as c×h×w.</returns>
    public string ShapeText()
    {
        var parts = new List<string> { string.Join("×", InputShape) };
        for (var layer = 0; layer < Layers.Count; layer++)
        {
            parts.Add(string.Join("×", shapes[layer]));
        }

        return string.Join("-", parts);
    }

    /// <summary>Writes the description in the network-file format.</summary>
    /// <returns>The JSON object with <c>input</c>, <c>layers</c> and <c>loss</c>.</returns>
    public JsonObject ToJson()
    {
        var layers = new JsonArray();
        foreach (var layer in Layers)
        {
            layers.Add(layer.ToJson());
        }

        var input = new JsonArray();
        foreach (var n in InputShape)
        {
            input.Add(n);
        }

        return new JsonObject
        {
            ["input"] = input,
            ["layers"] = layers,
            ["loss"] = LossNames.ToName(Loss),
        };
    }

    /// <summary>Writes the description as compact JSON text.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJsonText() => ToJson().ToJsonString(new JsonSerializerOptions());

    private static int Product(IReadOnlyList<int> shape, string what)
    {
        // Indexed, not foreach: enumerating an IReadOnlyList allocates. Counted in 64 bits
        // and stopped at Array.MaxLength, so a huge shape is an error, not a wrapped size.
        long size = 1;
        for (var i = 0; i < shape.Count; i++)
        {
            size *= shape[i];
            if (size > Array.MaxLength)
            {
                throw new ArgumentException(
                    $"{what} of shape [{string.Join(", ", shape)}] holds more than "
                    + $"{Array.MaxLength} values, the most one array holds");
            }
        }

        return (int)size;
    }

    private List<ParameterInfo> BuildParameters()
    {
        var result = new List<ParameterInfo>();
        var offset = 0;
        var index = 0;
        for (var layer = 0; layer < Layers.Count; layer++)
        {
            weightIndex[layer] = -1;
            var description = Layers[layer];
            if (!description.HasParameters)
            {
                continue;
            }

            index++;
            weightIndex[layer] = result.Count;
            var parameterShapes = description.ParameterShapes(LayerInputShape(layer));
            var weightName = description is Conv2dLayerDescription ? "K" : "W";
            var number = index.ToString(CultureInfo.InvariantCulture);
            var (weightCount, biasCount) = (
                Product(parameterShapes[0], weightName + number),
                Product(parameterShapes[1], "b" + number));
            if ((long)offset + weightCount + biasCount > Array.MaxLength)
            {
                throw new ArgumentException(
                    $"layer {layer + 1} ({description.TypeName}): θ would hold more than "
                    + $"{Array.MaxLength} values, the most one array holds");
            }

            var weights = new ParameterInfo(weightName + number, parameterShapes[0], layer, offset);
            offset += weightCount;
            var b = new ParameterInfo("b" + number, parameterShapes[1], layer, offset);
            offset += biasCount;
            result.Add(weights);
            result.Add(b);
        }

        return result;
    }
}
