namespace Backprop.Cli.Explain;

/// <summary>A heading: level 0 is the title, 1 a numbered step, 2 a part of a step.</summary>
/// <param name="Level">0, 1 or 2.</param>
/// <param name="Title">The heading's words and symbols.</param>
internal sealed record HeadingBlock(int Level, IReadOnlyList<Run> Title) : DocumentBlock;
