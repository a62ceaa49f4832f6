using System.Text.Json;
using Backprop.Losses;

namespace Backprop.Networks;

/// <summary>A gradient case: a network, its parameters, and one sample (x, y).</summary>
/// <remarks>The file format is described in the project's case-format document.</remarks>
public sealed class CaseFile
{
    private CaseFile(
        string path,
        string name,
        NetworkParameters parameters,
        double[] x,
        double[] y)
    {
        Path = path;
        Name = name;
        Parameters = parameters;
        X = x;
        Y = y;
    }

    /// <summary>Gets the file path.</summary>
    public string Path { get; }

    /// <summary>Gets the case name, or the file name when the case has none.</summary>
    public string Name { get; }

    /// <summary>Gets the network.</summary>
    public NetworkDescription Network => Parameters.Network;

    /// <summary>Gets the parameter values.</summary>
    public NetworkParameters Parameters { get; }

    /// <summary>Gets the input sample x, flattened row-major.</summary>
    public double[] X { get; }

    /// <summary>Gets the target y.</summary>
    public double[] Y { get; }

    /// <summary>Reads and validates a case file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The case.</returns>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NotSupportedException">A layer type is not supported.</exception>
    public static CaseFile Load(string path)
    {
        using var document = JsonFile.Parse(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw NetworkReader.Error(
                path, $"a case file is a JSON object, found {NetworkReader.Kind(root)}");
        }

        var network = NetworkReader.Read(
            NetworkReader.Required(root, "network", path, "case"), path);
        var parameters = ReadParameters(
            NetworkReader.Required(root, "parameters", path, "case"), network, path);
        var x = ReadTensor(
            NetworkReader.Required(root, "x", path, "case"), [.. network.InputShape], path, "x");
        var yElement = NetworkReader.Required(root, "y", path, "case");
        var outputShape = network.LayerOutputShape(network.Layers.Count - 1);

        // A network ending in an image layer may give y nested as [c][h][w], or flat.
        var nested = outputShape.Count > 1
            && yElement.ValueKind == JsonValueKind.Array
            && yElement.GetArrayLength() > 0
            && yElement[0].ValueKind == JsonValueKind.Array;
        var y = ReadTensor(
            yElement, nested ? [.. outputShape] : [network.OutputSize], path, "y");
        CheckTargets(y, network.Loss, path);
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()!
            : System.IO.Path.GetFileNameWithoutExtension(path);
        return new CaseFile(path, name, parameters, x, y);
    }

    /// <summary>Reads a tensor of a known shape from nested JSON arrays.</summary>
    /// <param name="element">The outermost array.</param>
    /// <param name="shape">The expected shape.</param>
    /// <param name="source">The file path, for messages.</param>
    /// <param name="name">The tensor's name, for messages.</param>
    /// <returns>The values, row-major (last index fastest).</returns>
    /// <exception cref="InvalidDataException">The shape differs or a value is not finite.
    /// </exception>
    public static double[] ReadTensor(JsonElement element, int[] shape, string source, string name)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var count = 1;
        foreach (var size in shape)
        {
            count *= size;
        }

        var values = new double[count];
        var written = 0;
        Fill(element, shape, 0, values, ref written, source, name, "");
        return values;
    }

    private static void Fill(
        JsonElement element,
        int[] shape,
        int axis,
        double[] values,
        ref int written,
        string source,
        string name,
        string index)
    {
        var expected = "[" + string.Join(", ", shape) + "]";
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != shape[axis])
        {
            var actual = element.ValueKind == JsonValueKind.Array
                ? $"an array of length {element.GetArrayLength()}"
                : NetworkReader.Kind(element);
            throw NetworkReader.Error(
                source,
                $"{name}{index}: expected shape {expected}, so an array of length {shape[axis]} "
                + $"here; found {actual}");
        }

        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemIndex = $"{index}[{i}]";
            if (axis + 1 < shape.Length)
            {
                Fill(item, shape, axis + 1, values, ref written, source, name, itemIndex);
            }
            else
            {
                values[written++] = ReadNumber(item, source, name + itemIndex);
            }

            i++;
        }
    }

    private static double ReadNumber(JsonElement item, string source, string where)
    {
        if (item.ValueKind != JsonValueKind.Number
            || !item.TryGetDouble(out var value)
            || !double.IsFinite(value))
        {
            throw NetworkReader.Error(
                source, $"{where}: expected a finite number, found {NetworkReader.Kind(item)}");
        }

        return value;
    }

    private static NetworkParameters ReadParameters(
        JsonElement element,
        NetworkDescription network,
        string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw NetworkReader.Error(
                source, $"'parameters' must be an object, found {NetworkReader.Kind(element)}");
        }

        var expectedNames = string.Join(", ", network.Parameters.Select(p => p.Name));
        foreach (var property in element.EnumerateObject())
        {
            if (!network.Parameters.Any(p => p.Name == property.Name))
            {
                throw NetworkReader.Error(
                    source,
                    $"parameters: unexpected '{property.Name}'; this network has {expectedNames}");
            }
        }

        var parameters = new NetworkParameters(network);
        for (var p = 0; p < network.Parameters.Count; p++)
        {
            var info = network.Parameters[p];
            if (!element.TryGetProperty(info.Name, out var tensor))
            {
                throw NetworkReader.Error(
                    source,
                    $"parameters: missing '{info.Name}' (layer {info.Layer + 1}, shape "
                    + $"{info.ShapeText})");
            }

            var where = $"parameters.{info.Name} (layer {info.Layer + 1})";
            ReadTensor(tensor, info.Shape, source, where).CopyTo(parameters.Values(p), 0);
        }

        return parameters;
    }

    private static void CheckTargets(double[] y, LossKind loss, string source)
    {
        for (var i = 0; i < y.Length; i++)
        {
            var bad = loss switch
            {
                LossKind.BinaryCrossEntropy => y[i] is < 0 or > 1,
                LossKind.CrossEntropy => y[i] < 0,
                _ => false,
            };
            if (bad)
            {
                var range = loss == LossKind.BinaryCrossEntropy ? "in [0, 1]" : "at least 0";
                throw NetworkReader.Error(
                    source,
                    $"y[{i}] is {NetworkReader.Number(y[i])}; {LossNames.ToName(loss)} needs "
                    + $"targets {range}");
            }
        }
    }
}
