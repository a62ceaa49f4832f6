namespace Backprop.Cli.Explain;

/// <summary>One block of the explanation, independent of the output format.</summary>
/// <remarks>
/// <see cref="DocumentBuilder"/> writes the prose once as blocks; the text, Markdown and LaTeX
/// renderers lay the same blocks out in their own way.
/// </remarks>
internal abstract record DocumentBlock;
