using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Activations;
using Backprop.Losses;

namespace Backprop.Networks;

/// <summary>A network: input shape, an ordered list of layers, and the loss.</summary>
/// <remarks>
/// Parameters are named by the index of the layer among layers that have parameters,
/// counting from 1 (<c>W1</c>, <c>b1</c>, …), and θ = [Vec(W1); b1; Vec(W2); b2; …].
/// </remarks>
public sealed class NetworkDescription
{
    /// <summary>Initializes a description.</summary>
    /// <remarks><see cref="NetworkReader"/> reads one from a file.</remarks>
    /// <param name="inputShape">Shape of x: [n] for a vector.</param>
    /// <param name="layers">The layers in order.</param>
    /// <param name="loss">The loss.</param>
    /// <exception cref="ArgumentException">The layers do not fit the input shape.</exception>
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
        InputSize = 1;
        foreach (var n in inputShape)
        {
            InputSize *= n;
        }

        Layers = [.. layers];
        Loss = loss;
        Parameters = BuildParameters();
        ParameterCount = Parameters.Count == 0
            ? 0
            : Parameters[^1].ThetaOffset + Parameters[^1].Count;
    }

    /// <summary>Gets the shape of one input sample.</summary>
    public IReadOnlyList<int> InputShape { get; }

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

    /// <summary>Gets the number of output units n_L.</summary>
    public int OutputSize => LayerOutputSize(Layers.Count - 1);

    /// <summary>Gets the activation of the last layer.</summary>
    public ActivationKind OutputActivation => ((DenseLayerDescription)Layers[^1]).Activation;

    /// <summary>Returns the number of values a layer outputs for one sample.</summary>
    /// <param name="layer">The layer index, from 0.</param>
    /// <returns>n_l.</returns>
    public int LayerOutputSize(int layer) => ((DenseLayerDescription)Layers[layer]).Units;

    /// <summary>Returns the number of values a layer receives for one sample.</summary>
    /// <param name="layer">The layer index, from 0.</param>
    /// <returns>n_(l−1), or the input size for the first layer.</returns>
    public int LayerInputSize(int layer) => layer == 0 ? InputSize : LayerOutputSize(layer - 1);

    /// <summary>Describes the shape as text, such as <c>784-300-100-10</c>.</summary>
    /// <returns>The widths joined by dashes.</returns>
    public string ShapeText()
    {
        var parts = new List<string> { string.Join("×", InputShape) };
        for (var layer = 0; layer < Layers.Count; layer++)
        {
            var width = LayerOutputSize(layer);
            parts.Add(width.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
            var dense = (DenseLayerDescription)layer;
            layers.Add(new JsonObject
            {
                ["type"] = dense.TypeName,
                ["units"] = dense.Units,
                ["activation"] = ActivationNames.ToName(dense.Activation),
            });
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

    private List<ParameterInfo> BuildParameters()
    {
        var result = new List<ParameterInfo>();
        var offset = 0;
        var index = 0;
        for (var layer = 0; layer < Layers.Count; layer++)
        {
            if (Layers[layer] is not DenseLayerDescription dense)
            {
                continue;
            }

            index++;
            var inputs = LayerInputSize(layer);
            var W = new ParameterInfo($"W{index}", [inputs, dense.Units], layer, offset);
            offset += W.Count;
            var b = new ParameterInfo($"b{index}", [dense.Units], layer, offset);
            offset += b.Count;
            result.Add(W);
            result.Add(b);
        }

        return result;
    }
}
