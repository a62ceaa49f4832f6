using System.Globalization;
using System.Text.Json;
using Backprop.Activations;
using Backprop.Losses;

namespace Backprop.Networks;

/// <summary>Reads and validates the <c>network</c> block of a network or case file.</summary>
/// <remarks>
/// Every rejection is an <see cref="InvalidDataException"/> whose message starts with the
/// source (the file's path), names the layer, and gives the expected and the actual value.
/// </remarks>
public static class NetworkReader
{
    /// <summary>The largest number of layers accepted.</summary>
    public const int MaxLayers = 256;

    /// <summary>The largest number of parameters accepted (θ's length).</summary>
    public const long MaxParameters = 1L << 28;

    /// <summary>The largest width (units, or input values) accepted for one layer.</summary>
    public const int MaxWidth = 1 << 24;

    // The keys each layer type accepts; any other key is an error.
    private static readonly Dictionary<string, string[]> LayerKeys = new(StringComparer.Ordinal)
    {
        ["dense"] = ["type", "units", "activation"],
        ["conv2d"] = ["type", "filters", "kernel", "stride", "padding", "activation"],
        ["maxpool2d"] = ["type", "size", "stride"],
        ["flatten"] = ["type"],
    };

    /// <summary>Reads a network description from a parsed JSON object.</summary>
    /// <param name="network">The <c>network</c> object.</param>
    /// <param name="source">The file path, used in messages.</param>
    /// <returns>The validated description.</returns>
    /// <exception cref="InvalidDataException">The description is malformed, or its layers
    /// do not fit the shapes they receive.</exception>
    public static NetworkDescription Read(JsonElement network, string source)
    {
        if (network.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, $"'network' must be an object, found {Kind(network)}");
        }

        var input = ReadInputShape(Required(network, "input", source, "network"), source);
        var layersElement = Required(network, "layers", source, "network");
        if (layersElement.ValueKind != JsonValueKind.Array || layersElement.GetArrayLength() == 0)
        {
            throw Error(source, "'layers' must be a non-empty array of layer objects");
        }

        if (layersElement.GetArrayLength() > MaxLayers)
        {
            throw Error(source, $"{layersElement.GetArrayLength()} layers; at most {MaxLayers}");
        }

        var layers = new List<LayerDescription>();
        var index = 0;
        IReadOnlyList<int> shape = input;
        foreach (var element in layersElement.EnumerateArray())
        {
            index++;
            var layer = ReadLayer(element, index, source);
            try
            {
                shape = layer.OutputShape(shape);
            }
            catch (ArgumentException e)
            {
                throw Error(source, $"layer {index} ({layer.TypeName}): {e.Message}");
            }

            if (Size(shape) > MaxWidth)
            {
                throw Error(
                    source,
                    $"layer {index} ({layer.TypeName}): output "
                    + $"{LayerDescription.ShapeText(shape)} has {Size(shape)} values; "
                    + $"at most {MaxWidth}");
            }

            layers.Add(layer);
        }

        var loss = ReadLoss(Required(network, "loss", source, "network"), source);
        CheckParameterCount(input, layers, source);
        return new NetworkDescription(input, layers, loss);
    }

    /// <summary>Reads a standalone network file: either a network object or a case file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The validated description.</returns>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static NetworkDescription ReadFile(string path)
    {
        using var document = JsonFile.Parse(path);
        var root = document.RootElement;
        var network = root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("network", out var inner) ? inner : root;
        return Read(network, path);
    }

    internal static InvalidDataException Error(string source, string message) =>
        new($"{source}: {message}");

    internal static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => element.GetArrayLength() switch
        {
            0 => "an empty array",
            1 => "an array of 1 entry",
            var n => $"an array of {n} entries",
        },
        JsonValueKind.String => $"the string \"{Clip(element.GetString())}\"",
        JsonValueKind.Number => $"the number {Clip(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    // "unknown activation "softmx"", or what was found instead of a name.
    private static string Unknown(string what, JsonElement element) =>
        element.ValueKind == JsonValueKind.String
            ? $"unknown {what} \"{Clip(element.GetString())}\""
            : $"{what} must be a name, found {Kind(element)}";

    internal static JsonElement Required(
        JsonElement parent,
        string name,
        string source,
        string where)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw Error(source, $"{where}: missing '{name}'");
        }

        return value;
    }

    /// <summary>Lists the valid names, and the nearest one when the given name is close.</summary>
    /// <param name="given">The name that was not recognised.</param>
    /// <param name="valid">The valid names.</param>
    /// <returns>Text such as "expected one of a, b (did you mean 'a'?)".</returns>
    public static string Suggest(string given, IReadOnlyList<string> valid)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(valid);
        var list = string.Join(", ", valid);
        var nearest = given.Length == 0 ? null : NameSuggestion.Nearest(given, valid);
        return nearest is null
            ? $"expected one of {list}"
            : $"expected one of {list} (did you mean '{nearest}'?)";
    }

    private static void CheckParameterCount(
        int[] input,
        List<LayerDescription> layers,
        string source)
    {
        // Counted before anything is allocated: θ and ∇θ must fit in arrays. Each tensor is
        // checked on its own first, so no product or sum can overflow 64 bits.
        IReadOnlyList<int> shape = input;
        long count = 0;
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var description = layers[layer];
            var parameters = description.ParameterShapes(shape);
            for (var p = 0; p < parameters.Count; p++)
            {
                var size = Size(parameters[p], MaxParameters);
                if (size > MaxParameters)
                {
                    var name = p == 1 ? "b" : description is Conv2dLayerDescription ? "K" : "W";
                    throw Error(
                        source,
                        $"layer {layer + 1} ({description.TypeName}): {name} has "
                        + $"{string.Join(" x ", parameters[p])} entries; at most "
                        + $"{MaxParameters:N0} parameters are supported");
                }

                count += size;
            }

            shape = description.OutputShape(shape);
        }

        if (count > MaxParameters)
        {
            throw Error(
                source,
                $"the network has {count:N0} parameters; at most {MaxParameters:N0} are "
                + "supported (θ, its gradient and the optimizer state must fit in memory)");
        }
    }

    private static int[] ReadInputShape(JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.Array
            || element.GetArrayLength() is not (1 or 3))
        {
            throw Error(
                source,
                $"'input' must be [n] or [channels, height, width], found {Kind(element)}");
        }

        var shape = new int[element.GetArrayLength()];
        var i = 0;
        long product = 1;
        foreach (var size in element.EnumerateArray())
        {
            if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt32(out var n) || n <= 0)
            {
                throw Error(source, $"'input' sizes must be positive integers, found {Kind(size)}");
            }

            shape[i++] = n;
            product *= n;
        }

        if (product > MaxWidth)
        {
            throw Error(source, $"'input' has {product} values; at most {MaxWidth}");
        }

        return shape;
    }

    private static LayerDescription ReadLayer(JsonElement element, int index, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, $"layer {index}: must be an object, found {Kind(element)}");
        }

        var typeElement = Required(element, "type", source, $"layer {index}");
        var type = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString()! : "";
        var where = $"layer {index} ({type})";
        if (LayerKeys.TryGetValue(type, out var keys))
        {
            CheckKeys(element, keys, where, source);
        }

        switch (type)
        {
            case "dense":
                return ReadDense(element, index, source);
            case "conv2d":
                return new Conv2dLayerDescription(
                    ReadCount(
                        Required(element, "filters", source, where), where, "filters", source),
                    ReadPair(element, "kernel", null, 1, where, source),
                    ReadPair(element, "stride", new Size2d(1, 1), 1, where, source),
                    ReadPair(element, "padding", new Size2d(0, 0), 0, where, source),
                    ReadActivation(Required(element, "activation", source, where), where, source));
            case "maxpool2d":
                var size = ReadPair(element, "size", null, 1, where, source);
                return new MaxPool2dLayerDescription(
                    size, ReadPair(element, "stride", size, 1, where, source));
            case "flatten":
                return new FlattenLayerDescription();
            default:
                throw Error(
                    source,
                    $"layer {index}: {Unknown("type", typeElement)}; "
                    + Suggest(type, ["dense", "conv2d", "maxpool2d", "flatten"]));
        }
    }

    private static void CheckKeys(
        JsonElement layer,
        string[] keys,
        string where,
        string source)
    {
        // A misspelt optional key ("paddding") would otherwise leave its default in place.
        foreach (var property in layer.EnumerateObject())
        {
            if (Array.IndexOf(keys, property.Name) < 0)
            {
                throw Error(
                    source,
                    $"{where}: unknown key \"{Clip(property.Name)}\"; "
                    + Suggest(property.Name, keys));
            }
        }
    }

    private static DenseLayerDescription ReadDense(JsonElement element, int index, string source)
    {
        var where = $"layer {index} (dense)";
        var units = ReadUnits(Required(element, "units", source, where), index, source);
        var activation = ReadActivation(
            Required(element, "activation", source, where), where, source);
        if (activation == ActivationKind.Softmax && units == 1)
        {
            throw Error(
                source,
                $"layer {index} (dense): softmax on a one-unit layer is constant 1; "
                + "use sigmoid for one unit, or at least 2 units");
        }

        return new DenseLayerDescription(units, activation);
    }

    private static Size2d ReadPair(
        JsonElement layer,
        string name,
        Size2d? fallback,
        int minimum,
        string where,
        string source)
    {
        if (!layer.TryGetProperty(name, out var element))
        {
            return fallback ?? throw Error(source, $"{where}: missing '{name}'");
        }

        // One number stands for both axes; [rows, columns] gives each its own.
        if (element.ValueKind == JsonValueKind.Number)
        {
            var n = ReadSize(element, minimum, where, name, source);
            return new Size2d(n, n);
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2)
        {
            throw Error(
                source, $"{where}: '{name}' must be [rows, columns], found {Kind(element)}");
        }

        return new Size2d(
            ReadSize(element[0], minimum, where, name, source),
            ReadSize(element[1], minimum, where, name, source));
    }

    private static int ReadSize(
        JsonElement element,
        int minimum,
        string where,
        string name,
        string source)
    {
        const int largest = 1 << 16;
        if (element.ValueKind != JsonValueKind.Number
            || !element.TryGetInt32(out var n)
            || n < minimum
            || n > largest)
        {
            throw Error(
                source,
                $"{where}: '{name}' sizes must be integers from {minimum} to {largest}, "
                + $"found {Kind(element)}");
        }

        return n;
    }

    private static int ReadCount(JsonElement element, string where, string name, string source)
    {
        if (element.ValueKind != JsonValueKind.Number
            || !element.TryGetInt32(out var count)
            || count <= 0
            || count > MaxWidth)
        {
            throw Error(
                source,
                $"{where}: '{name}' must be an integer from 1 to {MaxWidth}, "
                + $"found {Kind(element)}");
        }

        return count;
    }

    private static int ReadUnits(JsonElement element, int index, string source)
    {
        if (element.ValueKind != JsonValueKind.Number
            || !element.TryGetInt32(out var units)
            || units <= 0
            || units > MaxWidth)
        {
            throw Error(
                source,
                $"layer {index} (dense): 'units' must be an integer from 1 to {MaxWidth}, "
                + $"found {Kind(element)}");
        }

        return units;
    }

    private static ActivationKind ReadActivation(
        JsonElement element,
        string where,
        string source)
    {
        var name = element.ValueKind == JsonValueKind.String ? element.GetString()! : "";
        if (!ActivationNames.TryParse(name, out var kind))
        {
            throw Error(
                source,
                $"{where}: {Unknown("activation", element)}; "
                + Suggest(name, ActivationNames.All));
        }

        return kind;
    }

    private static LossKind ReadLoss(JsonElement element, string source)
    {
        var name = element.ValueKind == JsonValueKind.String ? element.GetString()! : "";
        if (!LossNames.TryParse(name, out var kind))
        {
            throw Error(source, $"{Unknown("loss", element)}; " + Suggest(name, LossNames.All));
        }

        return kind;
    }

    private static long Size(IReadOnlyList<int> shape, long limit = long.MaxValue)
    {
        // Stops at the first factor that passes the limit, so the product never overflows.
        long size = 1;
        foreach (var n in shape)
        {
            if (n != 0 && size > limit / n)
            {
                return limit == long.MaxValue ? limit : limit + 1;
            }

            size *= n;
        }

        return size;
    }

    private static string Clip(string? text) =>
        text is null ? "" : text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    internal static string Number(double value) =>
        value.ToString("R", CultureInfo.InvariantCulture);
}
