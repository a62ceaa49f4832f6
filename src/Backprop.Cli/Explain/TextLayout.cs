using System.Text;

namespace Backprop.Cli.Explain;

/// <summary>
/// Lays out words, products, tables and arrays as monospaced Unicode lines, for the text
/// renderer and for Markdown's code blocks.
/// </summary>
internal static class TextLayout
{
    /// <summary>The widest line written, in characters.</summary>
    public const int Width = 100;

    /// <summary>Joins runs into one Unicode string, mathematics as is.</summary>
    public static string Plain(IReadOnlyList<Run> runs)
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            text.Append(run.Text ?? run.Math.Unicode);
        }

        return text.ToString();
    }

    /// <summary>Wraps runs to a width, breaking at spaces between words, never in math.</summary>
    /// <param name="runs">The runs.</param>
    /// <param name="mathFormat">Writes a math run (as is, or in backticks for Markdown).</param>
    /// <param name="width">The widest line.</param>
    /// <param name="first">The first line's indent or prefix.</param>
    /// <param name="rest">The indent of later lines.</param>
    public static List<string> Wrap(
        IReadOnlyList<Run> runs,
        Func<string, string> mathFormat,
        int width,
        string first,
        string rest)
    {
        // Words: split text runs at spaces; a math run sticks to its neighbours unless a
        // space separates them.
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var run in runs)
        {
            if (run.IsMath)
            {
                current.Append(mathFormat(run.Math.Unicode));
                continue;
            }

            var pieces = run.Text!.Split(' ');
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0 && current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }

                current.Append(pieces[i]);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        var lines = new List<string>();
        var line = new StringBuilder(first);
        var empty = true;
        foreach (var word in words)
        {
            if (!empty && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(rest);
                empty = true;
            }

            line.Append(empty ? "" : " ").Append(word);
            empty = false;
        }

        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>Writes a product on one line and each factor's shape beneath it.</summary>
    public static List<string> Product(ProductBlock block, int width)
    {
        var left = block.Left.Unicode + " = ";
        var open = block.Concatenated ? "[ " : "";
        var separator = block.Concatenated ? " | " : "  ";
        var result = "  →  " + Symbols.Shape(block.Rows, block.Columns).Unicode;
        var lines = new List<string>();
        var top = new StringBuilder(left + open);
        var bottom = new StringBuilder(new string(' ', top.Length));
        var pad = new string(' ', left.Length + open.Length);
        for (var k = 0; k < block.Factors.Count; k++)
        {
            var factor = block.Factors[k];
            var name = factor.Name.Unicode;
            var shape = Symbols.Shape(factor.Rows, factor.Columns).Unicode;
            var cell = Math.Max(name.Length, shape.Length);
            var tail = k == block.Factors.Count - 1 ? result.Length + 2 : 0;
            if (k > 0 && top.Length + separator.Length + cell + tail > width)
            {
                lines.Add(top.ToString().TrimEnd());
                lines.Add(bottom.ToString().TrimEnd());
                top.Clear().Append(pad);
                bottom.Clear().Append(pad);
            }
            else if (k > 0)
            {
                top.Append(separator);
                bottom.Append(new string(' ', separator.Length));
            }

            top.Append(name.PadRight(cell));
            bottom.Append(shape.PadRight(cell));
        }

        top.Append(block.Concatenated ? " ]" : "");
        bottom.Append(block.Concatenated ? "  " : "").Append(result);
        lines.Add(top.ToString().TrimEnd());
        lines.Add(bottom.ToString().TrimEnd());
        return lines;
    }

    /// <summary>Writes aligned equations, wrapping a long right side at its spaces.</summary>
    public static List<string> Equations(EquationBlock block, int width)
    {
        var leftWidth = 0;
        foreach (var (left, _) in block.Lines)
        {
            leftWidth = Math.Max(leftWidth, left.Unicode.Length);
        }

        var lines = new List<string>();
        foreach (var (left, right) in block.Lines)
        {
            var first = left.Unicode.PadRight(leftWidth) + " = ";
            var runs = Run.Of(right.Unicode);
            lines.AddRange(Wrap(runs, s => s, width, first, new string(' ', first.Length)));
        }

        return lines;
    }

    /// <summary>Writes a table with a rule under the header.</summary>
    public static List<string> Table(TableBlock table, Func<IReadOnlyList<Run>, string> cell)
    {
        var columns = table.Header.Count;
        var widths = new int[columns];
        var header = new string[columns];
        for (var c = 0; c < columns; c++)
        {
            header[c] = cell(table.Header[c]);
            widths[c] = header[c].Length;
        }

        var rows = new List<string[]>();
        foreach (var row in table.Rows)
        {
            var cells = new string[columns];
            for (var c = 0; c < columns; c++)
            {
                cells[c] = cell(row[c]);
                widths[c] = Math.Max(widths[c], cells[c].Length);
            }

            rows.Add(cells);
        }

        var lines = new List<string> { Row(header, widths) };
        var rule = new string[columns];
        for (var c = 0; c < columns; c++)
        {
            rule[c] = new string('─', widths[c]);
        }

        lines.Add(Row(rule, widths));
        foreach (var cells in rows)
        {
            lines.Add(Row(cells, widths));
        }

        return lines;
    }

    /// <summary>Replaces ASCII hyphens in a formatted number by minus signs.</summary>
    public static string Number(string ascii) => ascii.Replace('-', '−');

    private static string Row(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var c = 0; c < cells.Length; c++)
        {
            line.Append(c > 0 ? "  " : "").Append(cells[c].PadRight(widths[c]));
        }

        return line.ToString().TrimEnd();
    }
}
