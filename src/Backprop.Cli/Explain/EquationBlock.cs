namespace Backprop.Cli.Explain;

/// <summary>Displayed equations, aligned on their equals signs.</summary>
/// <param name="Lines">Each line's left side and right side.</param>
internal sealed record EquationBlock(IReadOnlyList<(MathText Left, MathText Right)> Lines)
    : DocumentBlock;
