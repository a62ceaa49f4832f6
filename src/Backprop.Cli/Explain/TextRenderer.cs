using System.Text;

namespace Backprop.Cli.Explain;

/// <summary>Writes the explanation for a terminal: Unicode mathematics, aligned columns.</summary>
internal static class TextRenderer
{
    private const string Body = "  ";
    private const string Display = "    ";

    /// <summary>Renders the document.</summary>
    /// <param name="document">The blocks.</param>
    /// <param name="maxEntries">The largest array printed in full.</param>
    public static string Render(IReadOnlyList<DocumentBlock> document, long maxEntries)
    {
        var text = new StringBuilder();
        DocumentBlock? previous = null;
        foreach (var block in document)
        {
            if (previous is not null && !(TextArrayLayout.IsShortVector(previous, maxEntries)
                && TextArrayLayout.IsShortVector(block, maxEntries)))
            {
                text.Append('\n');
            }

            foreach (var line in Lines(block, maxEntries))
            {
                text.Append(line.TrimEnd()).Append('\n');
            }

            previous = block;
        }

        return text.ToString();
    }

    private static IEnumerable<string> Lines(DocumentBlock block, long maxEntries)
    {
        var width = TextLayout.Width;
        switch (block)
        {
            case HeadingBlock heading:
                return Heading(heading);
            case ParagraphBlock paragraph:
                var prefix = paragraph.Kind switch
                {
                    ParagraphKind.Note => "Note: ",
                    ParagraphKind.Correction => "Correction: ",
                    _ => "",
                };
                var rest = Body + new string(' ', prefix.Length);
                return TextLayout.Wrap(paragraph.Runs, s => s, width, Body + prefix, rest);
            case EquationBlock equations:
                return Indent(TextLayout.Equations(equations, width - Display.Length));
            case ProductBlock product:
                return Indent(TextLayout.Product(product, width - Display.Length));
            case TableBlock table:
                return Indent(TextLayout.Table(table, TextLayout.Plain));
            case ArrayBlock array:
                return TextArrayLayout.Array(array, maxEntries, Display);
            default:
                throw new ArgumentException($"Unknown block {block.GetType().Name}", nameof(block));
        }
    }

    private static List<string> Heading(HeadingBlock heading)
    {
        var title = TextLayout.Plain(heading.Title);
        return heading.Level switch
        {
            0 => [title, new string('═', title.Length)],
            1 => [title, new string('─', title.Length)],
            _ => [Body + "▸ " + title],
        };
    }

    private static IEnumerable<string> Indent(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            yield return Display + line;
        }
    }
}
