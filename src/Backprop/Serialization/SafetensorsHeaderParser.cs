using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Backprop.Serialization;

/// <summary>Parses a safetensors JSON header and checks each claim it makes.</summary>
internal static class SafetensorsHeaderParser
{
    /// <summary>The deepest JSON nesting accepted; a valid header needs 3.</summary>
    public const int MaxDepth = 8;

    private const int QuoteLimit = 64;

    /// <summary>Parses and checks a header against the length of the data section.</summary>
    /// <param name="header">The header bytes, padding included.</param>
    /// <param name="dataLength">The number of bytes after the header.</param>
    /// <param name="path">The path named in error messages.</param>
    /// <returns>The entries, sorted by offset and tiling the data, and the metadata.</returns>
    public static SafetensorsHeader Parse(byte[] header, long dataLength, string path)
    {
        // Python's reader also requires the '{' first, which rules out a byte-order mark.
        if (header.Length == 0 || header[0] != (byte)'{')
        {
            throw Invalid(path, "the header is not a JSON object (it must start with '{')");
        }

        if (!Utf8.IsValid(header))
        {
            throw Invalid(path, "the header is not valid UTF-8");
        }

        using var document = ParseJson(header, path);
        IReadOnlyDictionary<string, string>? metadata = null;
        var entries = new List<SafetensorsEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                throw Invalid(path, $"the header names {Quote(property.Name)} twice");
            }

            if (property.Name == SafetensorsFile.MetadataKey)
            {
                metadata = ParseMetadata(property.Value, path);
                continue;
            }

            if (entries.Count == SafetensorsFile.MaxTensorCount)
            {
                throw Invalid(
                    path, $"the header lists over {SafetensorsFile.MaxTensorCount} tensors");
            }

            entries.Add(SafetensorsEntryParser.Parse(property, dataLength, path));
        }

        var sorted = CheckTiling(entries, dataLength, path);
        return new SafetensorsHeader(
            sorted, metadata ?? ReadOnlyDictionary<string, string>.Empty);
    }

    /// <summary>Quotes a name from the file for a message, shortened and made printable.</summary>
    public static string Quote(string text)
    {
        var shown = new StringBuilder(Math.Min(text.Length, QuoteLimit) + 3);
        foreach (var c in text.Length > QuoteLimit ? text[..QuoteLimit] : text)
        {
            shown.Append(char.IsControl(c) ? '?' : c);
        }

        return "'" + shown + (text.Length > QuoteLimit ? "…'" : "'");
    }

    /// <summary>Makes the exception for a bad file, its message starting with the path.</summary>
    public static InvalidDataException Invalid(string path, string problem) =>
        new($"{path}: {problem}");

    private static JsonDocument ParseJson(byte[] header, string path)
    {
        var options = new JsonDocumentOptions { MaxDepth = MaxDepth };
        try
        {
            return JsonDocument.Parse(header, options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"{path}: the header is not valid JSON (nested at most {MaxDepth} deep)"
                + Networks.JsonFile.Where(e),
                e);
        }
    }

    private static ReadOnlyDictionary<string, string> ParseMetadata(
        JsonElement value,
        string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"'{SafetensorsFile.MetadataKey}' is not a JSON object");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid(
                    path, $"metadata value {Quote(entry.Name)} is {entry.Value.ValueKind}, "
                    + "not a string");
            }

            if (metadata.Count == SafetensorsFile.MaxMetadataCount)
            {
                throw Invalid(
                    path, $"over {SafetensorsFile.MaxMetadataCount} metadata entries");
            }

            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
            {
                throw Invalid(path, $"metadata key {Quote(entry.Name)} appears twice");
            }
        }

        return metadata.AsReadOnly();
    }

    private static ReadOnlyCollection<SafetensorsEntry> CheckTiling(
        List<SafetensorsEntry> entries,
        long dataLength,
        string path)
    {
        // Stable sort: empty tensors at one offset keep their header order.
        var sorted = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        long covered = 0;
        string? previous = null;
        foreach (var entry in sorted)
        {
            if (entry.Begin < covered)
            {
                throw Invalid(
                    path, $"tensor {Quote(entry.Name)} (bytes {entry.Begin}..{entry.End}) "
                    + $"overlaps tensor {Quote(previous!)}, which ends at byte {covered}");
            }

            if (entry.Begin > covered)
            {
                throw Invalid(
                    path, $"data bytes {covered}..{entry.Begin} belong to no tensor (a gap "
                    + $"before tensor {Quote(entry.Name)})");
            }

            covered = entry.End;
            previous = entry.Name;
        }

        if (covered != dataLength)
        {
            throw Invalid(
                path, $"data bytes {covered}..{dataLength} belong to no tensor (tensors must "
                + "fill the data section exactly)");
        }

        return sorted.AsReadOnly();
    }
}
