using System.Diagnostics.CodeAnalysis;

namespace Backprop.Serialization;

/// <summary>What a safetensors file holds: its tensors and its string metadata.</summary>
/// <param name="Tensors">The tensors, in the order their data lies in the file.</param>
/// <param name="Metadata">The header's <c>__metadata__</c> entries, including the
/// <c>checksum</c> entry when the file has one.</param>
public sealed record SafetensorsContent(
    IReadOnlyList<SafetensorsTensor> Tensors,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Looks up a tensor by name.</summary>
    /// <param name="name">The tensor's name, such as <c>W1</c>.</param>
    /// <param name="tensor">The tensor when found.</param>
    /// <returns>Whether a tensor of that name exists.</returns>
    public bool TryGetTensor(string name, [NotNullWhen(true)] out SafetensorsTensor? tensor)
    {
        foreach (var candidate in Tensors)
        {
            if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
            {
                tensor = candidate;
                return true;
            }
        }

        tensor = null;
        return false;
    }
}
