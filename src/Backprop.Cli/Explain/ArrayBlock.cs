namespace Backprop.Cli.Explain;

/// <summary>Values on display: in full within the entry limit, else as a summary.</summary>
/// <param name="Name">What the values are, such as <c>D^[1] = diag(relu′(z^[1]))</c>.</param>
/// <param name="Array">The values.</param>
/// <param name="Style">Matrix, vector or diagonal.</param>
internal sealed record ArrayBlock(MathText Name, ShownArray Array, ArrayStyle Style)
    : DocumentBlock;
