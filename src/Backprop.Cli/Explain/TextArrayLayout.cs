using System.Globalization;
using System.Text;

namespace Backprop.Cli.Explain;

/// <summary>
/// Lays out vectors and matrices as monospaced Unicode lines: aligned on the decimal point,
/// labelled by θ entry where the columns are parameters, split into bands when wide, and
/// summarised when over the entry limit.
/// </summary>
internal static class TextArrayLayout
{
    /// <summary>Writes a vector on one line, (v₁  v₂ …)ᵀ or diag(…), wrapping long ones.</summary>
    public static List<string> Vector(string prefix, ShownArray array, ArrayStyle style, int width)
    {
        var values = array.Values.Data;
        var format = ValueFormat.For(values);
        var open = style == ArrayStyle.Diagonal ? "diag( " : "( ";
        var close = style == ArrayStyle.Diagonal ? " )" : " )ᵀ";
        var lines = new List<string>();
        var line = new StringBuilder(prefix).Append(open);
        var indent = new string(' ', prefix.Length + open.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var number = TextLayout.Number(format.Compact(values[i]));
            var tail = i == values.Length - 1 ? close : "";
            if (i > 0 && line.Length + 2 + number.Length + tail.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(indent);
            }
            else if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(number).Append(tail);
        }

        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>Writes a matrix row by row, in bands of columns when it is wide.</summary>
    public static List<string> Matrix(ShownArray array, int width)
    {
        var m = array.Values;
        var format = ValueFormat.For(m.Data);
        var cells = new string[m.Rows, m.Columns];
        var cellWidth = 1;
        for (var i = 0; i < m.Rows; i++)
        {
            for (var j = 0; j < m.Columns; j++)
            {
                cells[i, j] = TextLayout.Number(format.Aligned(m[i, j]));
                cellWidth = Math.Max(cellWidth, cells[i, j].Length);
            }
        }

        var columnLabels = array.ColumnLabels;
        if (columnLabels is not null)
        {
            foreach (var label in columnLabels)
            {
                cellWidth = Math.Max(cellWidth, label.Length);
            }
        }

        var rowLabels = array.RowLabels;
        var rowLabelWidth = 0;
        if (rowLabels is not null)
        {
            foreach (var label in rowLabels)
            {
                rowLabelWidth = Math.Max(rowLabelWidth, label.Length + 1);
            }
        }

        var perBand = Math.Max(1, (width - rowLabelWidth - 4) / (cellWidth + 2));
        var lines = new List<string>();
        for (var start = 0; start < m.Columns; start += perBand)
        {
            var end = Math.Min(m.Columns, start + perBand);
            var bracketed = perBand >= m.Columns;
            if (!bracketed)
            {
                lines.Add(end == start + 1
                    ? $"column {Symbols.Int(end)} of {Symbols.Int(m.Columns)}:"
                    : $"columns {Symbols.Int(start + 1)}–{Symbols.Int(end)} of "
                        + $"{Symbols.Int(m.Columns)}:");
            }

            if (columnLabels is not null)
            {
                var margin = rowLabelWidth + (bracketed ? 2 : 0);
                var header = new StringBuilder(new string(' ', margin));
                for (var j = start; j < end; j++)
                {
                    header.Append(j > start ? "  " : "").Append(columnLabels[j].PadLeft(cellWidth));
                }

                lines.Add(header.ToString().TrimEnd());
            }

            for (var i = 0; i < m.Rows; i++)
            {
                var line = new StringBuilder();
                if (rowLabels is not null)
                {
                    line.Append(rowLabels[i].PadRight(rowLabelWidth));
                }

                var (left, right) = bracketed ? Brackets(i, m.Rows) : ("", "");
                line.Append(left);
                for (var j = start; j < end; j++)
                {
                    line.Append(j > start ? "  " : "").Append(cells[i, j].PadLeft(cellWidth));
                }

                lines.Add(right.Length == 0
                    ? line.ToString().TrimEnd()
                    : line.Append(right).ToString());
            }

            if (end < m.Columns)
            {
                lines.Add("");
            }
        }

        return lines;
    }

    /// <summary>Writes an array block: a vector, a labelled matrix, or a summary.</summary>
    public static List<string> Array(ArrayBlock block, long maxEntries, string indent)
    {
        var name = block.Name.Unicode;
        var array = block.Array;
        if (!array.Fits(maxEntries))
        {
            var runs = Run.Of(name + ": ");
            return TextLayout.Wrap(
                [.. runs, .. Summary(array, maxEntries)],
                s => s,
                TextLayout.Width,
                indent,
                indent + "    ");
        }

        if (block.Style != ArrayStyle.Matrix)
        {
            return Vector(indent + name + " = ", array, block.Style, TextLayout.Width);
        }

        var structure = array.Structure == Jacobians.FactorStructure.Dense
            ? ""
            : ", " + ProductSections.StructureName(array.Structure);
        var shape = Symbols.Shape(array.Rows, array.Columns).Unicode;
        var lines = new List<string> { $"{indent}{name}   ({shape}{structure}):" };
        foreach (var line in Matrix(array, TextLayout.Width - indent.Length - 2))
        {
            lines.Add(line.Length == 0 ? "" : indent + "  " + line);
        }

        return lines;
    }

    /// <summary>Returns whether a block is a short vector, set next to its neighbours.</summary>
    public static bool IsShortVector(DocumentBlock block, long maxEntries) =>
        block is ArrayBlock { Style: not ArrayStyle.Matrix } array
        && (array.Array.Rows <= 12 || !array.Array.Fits(maxEntries));

    /// <summary>Describes an array that is too large to print, as words and numbers.</summary>
    public static IReadOnlyList<Run> Summary(ShownArray array, long maxEntries)
    {
        var s = array.Statistics;
        var what = array.IsVector
            ? Run.Of($"a vector of {Symbols.Int(array.Rows)} entries")
            : Run.Of(
                Symbols.Shape(array.Rows, array.Columns),
                $" {ProductSections.StructureName(array.Structure)}, "
                + $"{Symbols.Int(array.Entries)} entries");
        return [
            .. what,
            .. Run.Of(
                $", over the --max-entries limit of {Symbols.Int(maxEntries)}: "
                + $"{Symbols.Int(s.Nonzeros)} nonzero, min ",
                ShortNumber(s.Min),
                ", max ",
                ShortNumber(s.Max),
                ", Frobenius norm ",
                ShortNumber(s.FrobeniusNorm)),
        ];
    }

    /// <summary>A number with four significant digits, in both forms.</summary>
    public static MathText ShortNumber(double value)
    {
        var ascii = value.ToString("G4", CultureInfo.InvariantCulture);
        return new MathText(TextLayout.Number(ascii), ValueFormat.LatexNumber(ascii));
    }

    private static (string Left, string Right) Brackets(int i, int rows)
    {
        if (rows == 1)
        {
            return ("[ ", " ]");
        }

        return i == 0 ? ("⎡ ", " ⎤") : i == rows - 1 ? ("⎣ ", " ⎦") : ("⎢ ", " ⎥");
    }
}
