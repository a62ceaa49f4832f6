namespace Backprop.Cli.Explain;

/// <summary>A piece of a sentence: plain words, or mathematics.</summary>
/// <param name="Text">The words, or null for mathematics.</param>
/// <param name="Math">The mathematics, when <paramref name="Text"/> is null.</param>
internal readonly record struct Run(string? Text, MathText Math)
{
    /// <summary>Gets a value indicating whether this run is mathematics.</summary>
    public bool IsMath => Text is null;

    /// <summary>Builds runs from strings (words) and <see cref="MathText"/> (math).</summary>
    /// <remarks>
    /// Adjacent pieces of mathematics are joined into one run, so that a format that wraps
    /// mathematics (a Markdown code span, LaTeX's \( \)) wraps the whole formula once.
    /// </remarks>
    public static IReadOnlyList<Run> Of(params object[] parts)
    {
        var runs = new List<Run>();
        foreach (var part in parts)
        {
            var run = part switch
            {
                string text => new Run(text, default),
                MathText math => new Run(null, math),
                _ => throw new ArgumentException(
                    $"Not a run: {part.GetType().Name}", nameof(parts)),
            };
            if (run.IsMath && runs.Count > 0 && runs[^1].IsMath)
            {
                runs[^1] = new Run(null, MathText.Join(runs[^1].Math, run.Math));
            }
            else if (!run.IsMath || run.Math.Unicode.Length > 0)
            {
                runs.Add(run);
            }
        }

        return runs;
    }
}
