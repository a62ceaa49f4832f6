namespace Backprop.Cli.Explain;

/// <summary>A factor of a displayed product with its shape written underneath.</summary>
/// <param name="Name">The factor.</param>
/// <param name="Rows">Its rows.</param>
/// <param name="Columns">Its columns.</param>
internal sealed record ShapedFactor(MathText Name, long Rows, long Columns);
