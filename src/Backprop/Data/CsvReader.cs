using System.Buffers;
using System.Globalization;
using static System.FormattableString;

namespace Backprop.Data;

/// <summary>Reads labelled images from CSV text, one image per line: label, then pixels.</summary>
/// <remarks>
/// <para>
/// Each line is <c>label,p1,…,pN</c> with N = rows × columns pixels in row-major order, the
/// label an integer 0..9 and each pixel an integer 0..255; spaces around a field are allowed.
/// The first line is a header, and skipped, when none of its fields is an integer; a first
/// line where some fields are integers and others are not is a data row with a bad field.
/// Blank lines are skipped. Errors name the file and the 1-based line (and field) number.
/// </para>
/// <para>
/// Limitation: quoted fields are not supported; a quoted number is reported as not a number.
/// </para>
/// </remarks>
public static class CsvReader
{
    private const NumberStyles Integer = NumberStyles.AllowLeadingWhite
        | NumberStyles.AllowTrailingWhite;

    /// <summary>Reads a CSV file of labelled images.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="rows">The image height; rows × columns pixels follow each label.</param>
    /// <param name="columns">The image width.</param>
    /// <returns>The images with their labels, 10 classes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or negative.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// A line has the wrong number of fields, a label or pixel is out of range or not an
    /// integer, a line is far longer than a row can be, or the file holds no rows.
    /// </exception>
    public static LabeledImages Read(string path, int rows = 28, int columns = 28)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: {FileProblem.Missing(path)}", path);
        }

        var size = checked(rows * columns);
        var pixels = new ArrayBufferWriter<byte>();
        var labels = new List<byte>();
        var fields = new Range[size + 2];

        // A field needs at most 3 digits and a comma; spaces get generous room.
        using var reader = new BoundedLineReader(path, checked(16 * (size + 1) + 1024));
        var first = true;
        while (reader.TryReadLine(out var line))
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            var isHeader = first && IsHeader(line);
            first = false;
            if (isHeader)
            {
                continue;
            }

            if (pixels.WrittenCount > Array.MaxLength - size)
            {
                throw Error(path, reader.LineNumber, "too many images for one array");
            }

            labels.Add(ParseRow(line, fields, pixels.GetSpan(size), path, reader.LineNumber));
            pixels.Advance(size);
        }

        if (labels.Count == 0)
        {
            throw new InvalidDataException($"{path}: no data rows");
        }

        return new LabeledImages(pixels.WrittenSpan.ToArray(), [.. labels], rows, columns);
    }

    private static bool IsHeader(ReadOnlySpan<char> line)
    {
        foreach (var range in line.Split(','))
        {
            if (int.TryParse(line[range], Integer, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        return true;
    }

    private static byte ParseRow(
        ReadOnlySpan<char> line,
        Span<Range> fields,
        Span<byte> destination,
        string path,
        int lineNumber)
    {
        // fields has room for two extra ranges, so a row with too many fields shows.
        var count = line.Split(fields, ',');
        var size = fields.Length - 2;
        if (count != size + 1)
        {
            var found = count == fields.Length ? "more" : Invariant($"{count}");
            throw Error(path, lineNumber, Invariant($"{size + 1} fields expected ")
                + $"(a label and {size} pixels), {found} found");
        }

        var label = ParseField(line[fields[0]], 9, "a label 0..9", path, lineNumber, 1);
        for (var i = 0; i < size; i++)
        {
            var field = line[fields[i + 1]];
            destination[i] = ParseField(field, 255, "a pixel 0..255", path, lineNumber, i + 2);
        }

        return label;
    }

    private static byte ParseField(
        ReadOnlySpan<char> field,
        int max,
        string what,
        string path,
        int lineNumber,
        int fieldNumber)
    {
        if (int.TryParse(field, Integer, CultureInfo.InvariantCulture, out var value)
            && value >= 0
            && value <= max)
        {
            return (byte)value;
        }

        var shown = field.Length > 20 ? $"{field[..20]}…" : field.ToString();
        throw Error(path, lineNumber, Invariant($"field {fieldNumber}: '{shown}' is not {what}"));
    }

    private static InvalidDataException Error(string path, int lineNumber, string problem) =>
        new(Invariant($"{path}: line {lineNumber}: {problem}"));
}
