namespace Backprop;

/// <summary>Picks the known name closest to a mistyped one, for "did you mean" hints.</summary>
public static class NameSuggestion
{
    /// <summary>Returns the nearest name by edit distance, or null when none is close.</summary>
    /// <remarks>
    /// Close means an edit distance of at most half the candidate's length, or one name
    /// containing the other (ignoring case). A name containing the input wins over one that
    /// does not; ties go to the earlier candidate.
    /// </remarks>
    public static string? Nearest(string input, IReadOnlyList<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // The distance is at least the difference in length; when that alone is too far to
            // be close, it stands in for the distance and the quadratic computation is skipped
            // (a hostile input may be megabytes long).
            var lengthGap = Math.Abs(input.Length - candidate.Length);
            var distance = lengthGap > candidate.Length / 2
                ? lengthGap
                : EditDistance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            var close = distance <= candidate.Length / 2
                || candidate.Contains(input, StringComparison.OrdinalIgnoreCase)
                || input.Contains(candidate, StringComparison.OrdinalIgnoreCase);
            // A name the input is part of (a truncated name) beats a merely nearby one.
            if (candidate.Contains(input, StringComparison.OrdinalIgnoreCase))
            {
                distance -= 1000;
            }

            if (close && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions, each 1.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
