namespace Backprop.Cli.Explain;

/// <summary>A small table whose cells hold words and symbols.</summary>
/// <param name="Header">The column headings.</param>
/// <param name="Rows">The rows, each with one cell per heading.</param>
internal sealed record TableBlock(
    IReadOnlyList<IReadOnlyList<Run>> Header,
    IReadOnlyList<IReadOnlyList<IReadOnlyList<Run>>> Rows) : DocumentBlock;
