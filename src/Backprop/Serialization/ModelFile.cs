using System.Globalization;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Serialization;

/// <summary>A trained model: network, parameters and input scaling, as safetensors.</summary>
/// <remarks>
/// Tensors are named as in case files (<c>W1</c> as inputs × units, <c>b1</c>, …) in F32;
/// <c>__metadata__</c> holds <c>format</c> = <c>backprop-model</c>, <c>network</c> (the
/// network-file JSON) and <c>input_scaling</c>. Checkpoints add optimizer state (see
/// <see cref="Checkpoint"/>).
/// </remarks>
/// <param name="Network">The network.</param>
/// <param name="Theta">θ in Vec order, as the fast engine holds it.</param>
/// <param name="Scaling">How pixel bytes become inputs.</param>
/// <param name="Metadata">All metadata entries of the file.</param>
public sealed record ModelFile(
    NetworkDescription Network,
    float[] Theta,
    InputScaling Scaling,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The value of the <c>format</c> metadata entry.</summary>
    public const string Format = "backprop-model";

    /// <summary>Builds the tensors of θ in their natural shapes.</summary>
    /// <param name="network">The network.</param>
    /// <param name="theta">θ in Vec order.</param>
    /// <returns>One F32 tensor per parameter, in θ order.</returns>
    public static List<SafetensorsTensor> ParameterTensors(
        NetworkDescription network,
        float[] theta)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(theta);
        var parameters = NetworkParameters.FromTheta(
            network, Array.ConvertAll(theta, v => (double)v));
        var tensors = new List<SafetensorsTensor>();
        for (var p = 0; p < network.Parameters.Count; p++)
        {
            var info = network.Parameters[p];
            var values = Array.ConvertAll(parameters.Values(p), v => (float)v);
            var shape = Array.ConvertAll(info.Shape, s => (long)s);
            tensors.Add(SafetensorsTensor.Create(info.Name, shape, values));
        }

        return tensors;
    }

    /// <summary>Writes a model file atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="network">The network.</param>
    /// <param name="theta">θ in Vec order.</param>
    /// <param name="scaling">The input scaling.</param>
    /// <param name="extra">Further metadata entries, such as the data set name.</param>
    public static void Save(
        string path,
        NetworkDescription network,
        float[] theta,
        InputScaling scaling,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        var metadata = BuildMetadata(network, scaling, Format, extra);
        SafetensorsFile.Write(path, ParameterTensors(network, theta), metadata);
    }

    /// <summary>Reads and validates a model (or checkpoint) file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid model file, or a
    /// parameter is NaN, infinite or beyond float32's range; the message gives its position.
    /// </exception>
    public static ModelFile Load(string path) => FromContent(path, SafetensorsFile.Read(path));

    internal static Dictionary<string, string> BuildMetadata(
        NetworkDescription network,
        InputScaling scaling,
        string format,
        IReadOnlyDictionary<string, string>? extra)
    {
        ArgumentNullException.ThrowIfNull(network);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                metadata[key] = value;
            }
        }

        metadata["format"] = format;
        metadata["network"] = network.ToJsonText();
        metadata["input_scaling"] = scaling.ToString();
        return metadata;
    }

    internal static ModelFile FromContent(string path, SafetensorsContent content)
    {
        var meta = content.Metadata;
        var format = meta.TryGetValue("format", out var f) ? f : null;
        if (format is not (Format or Checkpoint.Format))
        {
            throw new InvalidDataException(
                $"{path}: not a Backprop model: the 'format' metadata is "
                + (format is null ? "missing" : $"'{Clip(format)}'")
                + $", not '{Format}' or '{Checkpoint.Format}'");
        }

        if (!meta.ContainsKey(SafetensorsFile.ChecksumKey))
        {
            throw new InvalidDataException(
                $"{path}: the metadata has no '{SafetensorsFile.ChecksumKey}' of the tensor data; "
                + "the file was not written by Backprop or was edited");
        }

        if (!meta.TryGetValue("network", out var networkJson))
        {
            throw new InvalidDataException(
                $"{path}: not a Backprop model: the metadata has no 'network' entry");
        }

        NetworkDescription network;
        using (var document = ParseNetwork(path, networkJson))
        {
            network = NetworkReader.Read(document.RootElement, $"{path} (metadata 'network')");
        }

        if (!meta.TryGetValue("input_scaling", out var scalingText))
        {
            throw new InvalidDataException(
                $"{path}: the metadata has no 'input_scaling' (how inputs were scaled in "
                + "training)");
        }

        var scaling = InputScaling.Parse(scalingText)
            ?? throw new InvalidDataException(
                $"{path}: bad 'input_scaling' metadata: '{scalingText}'");
        var theta = new double[network.ParameterCount];
        var parameters = new NetworkParameters(network);
        for (var p = 0; p < network.Parameters.Count; p++)
        {
            var info = network.Parameters[p];
            if (!content.TryGetTensor(info.Name, out var tensor))
            {
                throw new InvalidDataException(
                    $"{path}: missing tensor '{info.Name}' ({info.ShapeText})");
            }

            CheckShape(path, info, tensor);
            var values = tensor.ToDoubleArray();
            CheckFinite(path, info.Name, tensor.Shape, values);
            values.CopyTo(parameters.Values(p), 0);
        }

        parameters.ToTheta().CopyTo(theta, 0);
        return new ModelFile(network, Array.ConvertAll(theta, v => (float)v), scaling, meta);
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static System.Text.Json.JsonDocument ParseNetwork(string path, string json)
    {
        try
        {
            return System.Text.Json.JsonDocument.Parse(json, JsonFile.Options);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException(
                $"{path}: the 'network' metadata is not valid JSON{JsonFile.Where(e)}", e);
        }
    }

    /// <summary>Rejects a value that is NaN, infinite, or beyond float32's range.</summary>
    /// <remarks>The fast engine trains in float32, so a larger double would become ∞.</remarks>
    /// <param name="path">The file, named in the message.</param>
    /// <param name="name">The tensor's name.</param>
    /// <param name="shape">The tensor's shape, to give the position as indices.</param>
    /// <param name="values">The values, row-major.</param>
    /// <exception cref="InvalidDataException">A value is not a finite float32.</exception>
    internal static void CheckFinite(
        string path,
        string name,
        IReadOnlyList<long> shape,
        ReadOnlySpan<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (double.IsFinite(v) && Math.Abs(v) <= float.MaxValue)
            {
                continue;
            }

            var text = v.ToString("R", CultureInfo.InvariantCulture);
            var problem = double.IsFinite(v) ? $"{text}, beyond the float32 range" : text;
            throw new InvalidDataException(
                $"{path}: tensor '{name}' {IndexText(i, shape)} is {problem}");
        }
    }

    /// <summary>Writes a row-major position as indices, such as <c>[2, 3]</c>.</summary>
    private static string IndexText(long flat, IReadOnlyList<long> shape)
    {
        var indices = new long[shape.Count];
        for (var axis = shape.Count - 1; axis >= 0; axis--)
        {
            indices[axis] = flat % shape[axis];
            flat /= shape[axis];
        }

        return "[" + string.Join(", ", indices) + "]";
    }

    private static void CheckShape(string path, ParameterInfo info, SafetensorsTensor tensor)
    {
        var shape = tensor.Shape;
        var same = shape.Count == info.Shape.Length
            && tensor.DType is SafetensorsDType.F32 or SafetensorsDType.F64;
        for (var i = 0; same && i < shape.Count; i++)
        {
            same = shape[i] == info.Shape[i];
        }

        if (!same)
        {
            throw new InvalidDataException(
                $"{path}: tensor '{info.Name}' is {tensor.DType} [{string.Join(", ", shape)}]; "
                + $"the network needs F32 {info.ShapeText}");
        }
    }
}
