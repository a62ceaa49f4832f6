using System.Text;

namespace Backprop.Cli.Explain;

/// <summary>
/// Writes the explanation as a LaTeX fragment for a document that loads amsmath: starred
/// sections, align* for equations, \underbrace for shapes, bmatrix and pmatrix for values.
/// </summary>
/// <remarks>
/// The output is ASCII only, so it compiles with pdfLaTeX as well as with Unicode engines.
/// Matrices are split into bands of at most <see cref="BandColumns"/> columns, below amsmath's
/// default limit of 10 columns per matrix.
/// </remarks>
internal static class LatexRenderer
{
    /// <summary>The most columns in one bmatrix.</summary>
    public const int BandColumns = 8;

    private const int VectorLine = 8;

    /// <summary>Renders the document.</summary>
    /// <param name="document">The blocks.</param>
    /// <param name="maxEntries">The largest array printed in full.</param>
    public static string Render(IReadOnlyList<DocumentBlock> document, long maxEntries)
    {
        var text = new StringBuilder();
        text.Append("% backprop explain: a LaTeX fragment. \\input it into a document whose\n");
        text.Append("% preamble has \\usepackage{amsmath}.\n");
        foreach (var block in document)
        {
            text.Append('\n');
            Write(text, block, maxEntries);
        }

        return text.ToString();
    }

    /// <summary>Escapes words for LaTeX text mode, keeping the output ASCII.</summary>
    public static string Escape(string words)
    {
        var text = new StringBuilder();
        var inQuote = false;
        for (var i = 0; i < words.Length; i++)
        {
            var c = words[i];
            text.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' or '}' or '$' or '&' or '#' or '_' or '%' => "\\" + c,
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                '-' when i + 1 < words.Length && words[i + 1] == '-' => "-{}",
                '"' => (inQuote = !inQuote) ? "``" : "''",
                '–' => "--",
                '—' => "---",
                '…' => @"\ldots{}",
                '×' => @"\(\times\)",
                '−' => @"\(-\)",
                '≤' => @"\(\le\)",
                '→' => @"\(\to\)",
                '’' => "'",
                _ when c < 128 => c.ToString(),
                _ => "?",
            });
        }

        return text.ToString();
    }

    private static void Write(StringBuilder text, DocumentBlock block, long maxEntries)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var command = heading.Level switch
                {
                    0 => "section",
                    1 => "subsection",
                    _ => "subsubsection",
                };
                text.Append(@$"\{command}*{{{Inline(heading.Title)}}}").Append('\n');
                break;
            case ParagraphBlock paragraph:
                var prefix = paragraph.Kind switch
                {
                    ParagraphKind.Note => @"\noindent\textit{Note:} ",
                    ParagraphKind.Correction => @"\noindent\textbf{Correction:} ",
                    _ => "",
                };
                text.Append(prefix).Append(Inline(paragraph.Runs)).Append('\n');
                break;
            case EquationBlock equations:
                text.Append("\\begin{align*}\n");
                for (var i = 0; i < equations.Lines.Count; i++)
                {
                    var (left, right) = equations.Lines[i];
                    var end = i < equations.Lines.Count - 1 ? " \\\\" : "";
                    text.Append($"  {left.Latex} &= {right.Latex}{end}\n");
                }

                text.Append("\\end{align*}\n");
                break;
            case ProductBlock product:
                Product(text, product);
                break;
            case TableBlock table:
                Table(text, table);
                break;
            case ArrayBlock array:
                Array(text, array, maxEntries);
                break;
            default:
                throw new ArgumentException($"Unknown block {block.GetType().Name}", nameof(block));
        }
    }

    private static string ColumnRange(int start, int end, int columns) => end == start + 1
        ? $"column {Symbols.Int(end)} of {Symbols.Int(columns)}"
        : $"columns {Symbols.Int(start + 1)}--{Symbols.Int(end)} of {Symbols.Int(columns)}";

    private static string Inline(IReadOnlyList<Run> runs)
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            if (!run.IsMath)
            {
                text.Append(Escape(run.Text!));
            }
            else if (run.Math.Latex.Length > 0)
            {
                text.Append(@"\(").Append(run.Math.Latex).Append(@"\)");
            }
        }

        return text.ToString();
    }

    private static void Product(StringBuilder text, ProductBlock product)
    {
        const int PerLine = 4;
        text.Append("\\begin{align*}\n  ").Append(product.Left.Latex).Append(" &= ");
        text.Append(product.Concatenated ? @"\Bigl[\, " : "");
        for (var k = 0; k < product.Factors.Count; k++)
        {
            var factor = product.Factors[k];
            if (k > 0)
            {
                text.Append(product.Concatenated ? @" \;\Big|\; " : @" \, ");
                if (k % PerLine == 0)
                {
                    text.Append("\\\\\n  &\\qquad ");
                }
            }

            var shape = Symbols.Shape(factor.Rows, factor.Columns).Latex;
            text.Append($@"\underbrace{{{factor.Name.Latex}}}_{{{shape}}}");
        }

        text.Append(product.Concatenated ? @" \,\Bigr]" : "");
        var result = Symbols.Shape(product.Rows, product.Columns).Latex;
        text.Append($@" \quad\longrightarrow\quad {result}").Append("\n\\end{align*}\n");
    }

    private static void Table(StringBuilder text, TableBlock table)
    {
        text.Append("\\begin{center}\n\\begin{tabular}{")
            .Append(new string('l', table.Header.Count))
            .Append("}\n\\hline\n");
        text.Append(Row(table.Header)).Append(" \\\\\n\\hline\n");
        foreach (var row in table.Rows)
        {
            text.Append(Row(row)).Append(" \\\\\n");
        }

        text.Append("\\hline\n\\end{tabular}\n\\end{center}\n");
    }

    private static string Row(IReadOnlyList<IReadOnlyList<Run>> cells)
    {
        var parts = new List<string>();
        foreach (var cell in cells)
        {
            parts.Add(Inline(cell));
        }

        return string.Join(" & ", parts);
    }

    private static void Array(StringBuilder text, ArrayBlock block, long maxEntries)
    {
        var name = block.Name.Latex;
        var array = block.Array;
        if (!array.Fits(maxEntries))
        {
            text.Append(@$"\noindent\({name}\): ")
                .Append(Inline(TextArrayLayout.Summary(array, maxEntries)))
                .Append(".\n");
            return;
        }

        var values = array.Values;
        var format = ValueFormat.For(values.Data);
        if (block.Style != ArrayStyle.Matrix)
        {
            var open = block.Style == ArrayStyle.Diagonal
                ? @"\operatorname{diag}\bigl("
                : @"\bigl(";
            var close = block.Style == ArrayStyle.Diagonal ? @"\bigr)" : @"\bigr)^{\top}";
            text.Append("\\begin{align*}\n  ").Append(name).Append(" &= ").Append(open);
            for (var i = 0; i < values.Data.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(i % VectorLine == 0 ? " \\\\\n  &\\qquad " : @" \;\; ");
                }

                // Braces keep a leading minus unary after the spacing before it.
                text.Append('{').Append(ValueFormat.LatexNumber(format.Compact(values.Data[i])))
                    .Append('}');
            }

            text.Append(close).Append("\n\\end{align*}\n");
            return;
        }

        for (var start = 0; start < values.Columns; start += BandColumns)
        {
            var end = Math.Min(values.Columns, start + BandColumns);
            text.Append(values.Columns > BandColumns
                ? $"\\noindent\\({name}\\), {ColumnRange(start, end, values.Columns)}:\n\\[\n  "
                : $"\\[\n  {name} = ");
            text.Append("\\begin{bmatrix}\n");
            for (var i = 0; i < values.Rows; i++)
            {
                var row = new List<string>();
                for (var j = start; j < end; j++)
                {
                    row.Add(ValueFormat.LatexNumber(format.Compact(values[i, j])));
                }

                var rowEnd = i < values.Rows - 1 ? " \\\\" : "";
                text.Append("    ").Append(string.Join(" & ", row)).Append(rowEnd).Append('\n');
            }

            text.Append("  \\end{bmatrix}\n\\]\n");
        }
    }
}
