namespace Backprop.Cli.Explain;

/// <summary>
/// A displayed product (or side-by-side concatenation) with each factor's shape beneath it
/// and the shape of the result, so a reader can check that the inner dimensions agree.
/// </summary>
/// <param name="Left">What the product equals.</param>
/// <param name="Factors">The factors, left to right.</param>
/// <param name="Concatenated">True for [A | B | …] instead of the product A B ….</param>
/// <param name="Rows">The result's rows.</param>
/// <param name="Columns">The result's columns.</param>
internal sealed record ProductBlock(
    MathText Left,
    IReadOnlyList<ShapedFactor> Factors,
    bool Concatenated,
    long Rows,
    long Columns) : DocumentBlock;
