using System.Text;

namespace Backprop.Cli.Explain;

/// <summary>
/// Writes the explanation as Markdown: headings, tables, symbols in code spans, and every
/// displayed equation, product and array in a fenced text block laid out as in the terminal.
/// </summary>
internal static class MarkdownRenderer
{
    /// <summary>Renders the document.</summary>
    /// <param name="document">The blocks.</param>
    /// <param name="maxEntries">The largest array printed in full.</param>
    public static string Render(IReadOnlyList<DocumentBlock> document, long maxEntries)
    {
        var text = new StringBuilder();
        var fenceOpen = false;
        DocumentBlock? previous = null;
        foreach (var block in document)
        {
            var display = block is EquationBlock or ProductBlock or ArrayBlock;
            if (display && !fenceOpen)
            {
                text.Append("\n```text\n");
                fenceOpen = true;
            }
            else if (display && !(TextArrayLayout.IsShortVector(previous!, maxEntries)
                && TextArrayLayout.IsShortVector(block, maxEntries)))
            {
                text.Append('\n');
            }
            else if (!display && fenceOpen)
            {
                text.Append("```\n");
                fenceOpen = false;
            }

            if (!display && previous is not null)
            {
                text.Append('\n');
            }

            foreach (var line in Lines(block, maxEntries))
            {
                text.Append(line.TrimEnd()).Append('\n');
            }

            previous = block;
        }

        if (fenceOpen)
        {
            text.Append("```\n");
        }

        return text.ToString();
    }

    private static List<string> Lines(DocumentBlock block, long maxEntries)
    {
        var width = TextLayout.Width;
        switch (block)
        {
            case HeadingBlock heading:
                // The title carries the case name, user text: escaped so it shows as written.
                var title = Inline(heading.Title, escape: heading.Level == 0);
                return [new string('#', heading.Level + 1) + " " + title];
            case ParagraphBlock paragraph:
                var prefix = paragraph.Kind switch
                {
                    ParagraphKind.Note => "> **Note:** ",
                    ParagraphKind.Correction => "> **Correction:** ",
                    _ => "",
                };
                var rest = paragraph.Kind == ParagraphKind.Plain ? "" : "> ";
                return TextLayout.Wrap(paragraph.Runs, Code, width, prefix, rest);
            case EquationBlock equations:
                return TextLayout.Equations(equations, width);
            case ProductBlock product:
                return TextLayout.Product(product, width);
            case TableBlock table:
                return Table(table);
            case ArrayBlock array:
                return TextArrayLayout.Array(array, maxEntries, "");
            default:
                throw new ArgumentException($"Unknown block {block.GetType().Name}", nameof(block));
        }
    }

    private static List<string> Table(TableBlock table)
    {
        var lines = new List<string>();
        var header = new List<string>();
        var rule = new List<string>();
        foreach (var cell in table.Header)
        {
            header.Add(Cell(cell));
            rule.Add("---");
        }

        lines.Add("| " + string.Join(" | ", header) + " |");
        lines.Add("| " + string.Join(" | ", rule) + " |");
        foreach (var row in table.Rows)
        {
            var cells = new List<string>();
            foreach (var cell in row)
            {
                cells.Add(Cell(cell));
            }

            lines.Add("| " + string.Join(" | ", cells) + " |");
        }

        return lines;
    }

    // A pipe inside a table cell ends the cell, even within a code span, unless escaped.
    private static string Cell(IReadOnlyList<Run> runs) => Inline(runs).Replace("|", "\\|");

    private static string Inline(IReadOnlyList<Run> runs, bool escape = false)
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            var words = run.IsMath ? Code(run.Math.Unicode) : run.Text!;
            text.Append(escape && !run.IsMath ? Escape(words) : words);
        }

        return text.ToString();
    }

    /// <summary>Escapes user text for Markdown prose, so it shows as written.</summary>
    /// <param name="words">One line of user text.</param>
    /// <returns>The text with Markdown and HTML characters backslash-escaped.</returns>
    public static string Escape(string words)
    {
        var text = new StringBuilder(words.Length);
        foreach (var c in words)
        {
            if (@"\`*_{}[]<>()#+-.!|~&".Contains(c, StringComparison.Ordinal))
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }

    private static string Code(string math) => math.Length == 0 ? "" : "`" + math + "`";
}
