using System.Globalization;

namespace Backprop.Cli.Inputs;

/// <summary>Parses lists of 0-based item indices such as <c>0,5,7</c> or <c>10-19,42</c>.
/// </summary>
internal static class IndexList
{
    /// <summary>The most indices one list may name.</summary>
    public const int MaxCount = 10_000;

    /// <summary>Parses a comma-separated list of indices and inclusive ranges.</summary>
    /// <param name="text">The list, as the user wrote it.</param>
    /// <param name="option">The option's name, for messages.</param>
    /// <returns>The indices in the order given; repeats are kept.</returns>
    /// <exception cref="UsageException">An entry is not an index or a range, a range runs
    /// backwards, or the list names more than <see cref="MaxCount"/> indices.</exception>
    public static int[] Parse(string text, string option)
    {
        var indices = new List<int>();
        foreach (var raw in text.Split(','))
        {
            var entry = raw.Trim();
            var dash = entry.IndexOf('-', 1 < entry.Length ? 1 : 0);
            var (first, last) = dash > 0
                ? (Number(entry[..dash], text, option), Number(entry[(dash + 1)..], text, option))
                : (Number(entry, text, option), Number(entry, text, option));
            if (last < first)
            {
                throw new UsageException($"{option} {text}: the range {entry} runs backwards");
            }

            if (indices.Count + ((long)last - first + 1) > MaxCount)
            {
                throw new UsageException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{option} {text}: more than {MaxCount} indices"));
            }

            for (var i = first; i <= last; i++)
            {
                indices.Add(i);
            }
        }

        return [.. indices];
    }

    private static int Number(string entry, string text, string option)
    {
        if (!int.TryParse(entry.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            throw new UsageException(
                $"{option} {text}: '{entry}' is not a 0-based index; write e.g. 0,5,7 or 10-19");
        }

        return i;
    }
}
