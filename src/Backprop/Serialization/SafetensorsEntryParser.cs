using System.Text.Json;

namespace Backprop.Serialization;

/// <summary>Parses one tensor entry of a safetensors header and checks its claims.</summary>
internal static class SafetensorsEntryParser
{
    /// <summary>Parses an entry <c>{"dtype", "shape", "data_offsets"}</c>.</summary>
    /// <param name="property">The header property: tensor name and entry object.</param>
    /// <param name="dataLength">The number of bytes in the data section.</param>
    /// <param name="path">The path named in error messages.</param>
    public static SafetensorsEntry Parse(JsonProperty property, long dataLength, string path)
    {
        var name = property.Name;
        var what = $"tensor {SafetensorsHeaderParser.Quote(name)}";
        if (name.Length == 0)
        {
            throw SafetensorsHeaderParser.Invalid(path, "a tensor has an empty name");
        }

        var fields = Fields(property.Value, what, path);
        var dtype = ParseDType(fields.DType, what, path);
        var shape = ParseShape(fields.Shape, what, path);
        var (begin, end) = ParseOffsets(fields.Offsets, what, path);

        var byteCount = SafetensorsDTypes.ByteCount(dtype, shape);
        if (byteCount is null)
        {
            throw SafetensorsHeaderParser.Invalid(
                path,
                $"{what}: the byte size of shape {SafetensorsDTypes.ShapeText(shape)} overflows");
        }

        if (begin > end)
        {
            throw SafetensorsHeaderParser.Invalid(
                path, $"{what}: data_offsets begin {begin} is after end {end}");
        }

        if (end > dataLength)
        {
            throw SafetensorsHeaderParser.Invalid(
                path, $"{what}: data_offsets end {end} is past the data section's "
                + $"{dataLength} bytes");
        }

        if (end - begin != byteCount)
        {
            throw SafetensorsHeaderParser.Invalid(
                path, $"{what}: data_offsets span {end - begin} bytes but {dtype} shape "
                + $"{SafetensorsDTypes.ShapeText(shape)} needs {byteCount}");
        }

        return new SafetensorsEntry(name, dtype, shape, begin, end);
    }

    private static (JsonElement DType, JsonElement Shape, JsonElement Offsets) Fields(
        JsonElement entry,
        string what,
        string path)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw SafetensorsHeaderParser.Invalid(path, $"{what}: the entry is not a JSON object");
        }

        JsonElement? dtype = null, shape = null, offsets = null;
        foreach (var field in entry.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype":
                    dtype = Once(dtype, field, what, path);
                    break;
                case "shape":
                    shape = Once(shape, field, what, path);
                    break;
                case "data_offsets":
                    offsets = Once(offsets, field, what, path);
                    break;
                default:
                    throw SafetensorsHeaderParser.Invalid(
                        path, $"{what}: unknown field {SafetensorsHeaderParser.Quote(field.Name)}"
                        + " (expected dtype, shape, data_offsets)");
            }
        }

        return (
            dtype ?? throw Missing("dtype", what, path),
            shape ?? throw Missing("shape", what, path),
            offsets ?? throw Missing("data_offsets", what, path));
    }

    private static JsonElement Once(
        JsonElement? current,
        JsonProperty field,
        string what,
        string path)
    {
        if (current is not null)
        {
            throw SafetensorsHeaderParser.Invalid(
                path, $"{what}: field '{field.Name}' appears twice");
        }

        return field.Value;
    }

    private static InvalidDataException Missing(string field, string what, string path) =>
        SafetensorsHeaderParser.Invalid(path, $"{what}: the entry has no '{field}'");

    private static SafetensorsDType ParseDType(JsonElement value, string what, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw SafetensorsHeaderParser.Invalid(path, $"{what}: dtype is not a string");
        }

        var name = value.GetString()!;
        if (!SafetensorsDTypes.TryParse(name, out var dtype))
        {
            throw SafetensorsHeaderParser.Invalid(
                path, $"{what}: unsupported dtype {SafetensorsHeaderParser.Quote(name)} "
                + $"(supported: {string.Join(", ", SafetensorsDTypes.Names)})");
        }

        return dtype;
    }

    private static long[] ParseShape(JsonElement value, string what, string path)
    {
        if (value.ValueKind != JsonValueKind.Array
            || value.GetArrayLength() > SafetensorsFile.MaxRank)
        {
            throw SafetensorsHeaderParser.Invalid(
                path, $"{what}: shape is not an array of at most {SafetensorsFile.MaxRank} sizes");
        }

        var shape = new long[value.GetArrayLength()];
        var i = 0;
        foreach (var size in value.EnumerateArray())
        {
            if (!TryGetInteger(size, out shape[i]) || shape[i] < 0)
            {
                throw SafetensorsHeaderParser.Invalid(
                    path,
                    $"{what}: shape entry {i} is "
                    + $"{SafetensorsHeaderParser.Quote(size.GetRawText())}, not a size ≥ 0");
            }

            i++;
        }

        return shape;
    }

    private static (long Begin, long End) ParseOffsets(JsonElement value, string what, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2
            || !TryGetInteger(value[0], out var begin) || !TryGetInteger(value[1], out var end)
            || begin < 0 || end < 0)
        {
            throw SafetensorsHeaderParser.Invalid(
                path, $"{what}: data_offsets is not two integers ≥ 0 [begin, end]");
        }

        return (begin, end);
    }

    private static bool TryGetInteger(JsonElement value, out long integer)
    {
        integer = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out integer);
    }
}
