namespace Backprop.Cli.Explain;

/// <summary>A paragraph of words and inline mathematics.</summary>
/// <param name="Runs">The paragraph's pieces.</param>
/// <param name="Kind">Plain, a note, or a correction of the paper.</param>
internal sealed record ParagraphBlock(IReadOnlyList<Run> Runs, ParagraphKind Kind) : DocumentBlock;
