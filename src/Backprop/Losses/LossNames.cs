namespace Backprop.Losses;

/// <summary>Converts between loss kinds and the names used in network files.</summary>
public static class LossNames
{
    /// <summary>Gets every valid name, in the order of <see cref="LossKind"/>.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["binary-cross-entropy", "cross-entropy", "squared-error"];

    /// <summary>Returns the file name of a loss kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name, such as <c>cross-entropy</c>.</returns>
    public static string ToName(LossKind kind) => All[(int)kind];

    /// <summary>Looks up a loss kind by its file name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="kind">The kind when found.</param>
    /// <returns>Whether the name is valid.</returns>
    public static bool TryParse(string name, out LossKind kind)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.Ordinal))
            {
                kind = (LossKind)i;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
