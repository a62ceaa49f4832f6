namespace Backprop.Serialization;

/// <summary>A parsed and checked safetensors header.</summary>
/// <param name="Entries">The tensor entries, sorted by data offset; they tile the data.</param>
/// <param name="Metadata">The <c>__metadata__</c> entries, empty when absent.</param>
internal sealed record SafetensorsHeader(
    IReadOnlyList<SafetensorsEntry> Entries,
    IReadOnlyDictionary<string, string> Metadata);
