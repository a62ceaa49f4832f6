namespace Backprop.Activations;

/// <summary>Converts between activation kinds and the names used in network files.</summary>
public static class ActivationNames
{
    /// <summary>Gets every valid name, in the order of <see cref="ActivationKind"/>.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["identity", "relu", "leaky-relu", "sigmoid", "tanh", "softmax"];

    /// <summary>Returns the file name of an activation kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name, such as <c>relu</c>.</returns>
    public static string ToName(ActivationKind kind) => All[(int)kind];

    /// <summary>Looks up an activation kind by its file name.</summary>
    /// <param name="name">The name, such as <c>leaky-relu</c>.</param>
    /// <param name="kind">The kind when found.</param>
    /// <returns>Whether the name is valid.</returns>
    public static bool TryParse(string name, out ActivationKind kind)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.Ordinal))
            {
                kind = (ActivationKind)i;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
