namespace Backprop.Cli.Explain;

/// <summary>How a paragraph is set apart from the text around it.</summary>
internal enum ParagraphKind
{
    /// <summary>Ordinary text.</summary>
    Plain,

    /// <summary>A remark that helps reading the numbers.</summary>
    Note,

    /// <summary>A place where the paper is wrong, with the corrected statement.</summary>
    Correction,
}
