using static System.FormattableString;

namespace Backprop.Data;

/// <summary>Reads text lines of bounded length, so a file without line breaks cannot exhaust
/// memory.</summary>
internal sealed class BoundedLineReader : IDisposable
{
    private readonly TextReader reader;

    private readonly string path;

    private readonly int maxChars;

    // Room for a longest line plus "\r\n", so any acceptable line fits whole.
    private readonly char[] buffer;

    private int start;

    private int end;

    private bool atEnd;

    /// <summary>Opens a file for reading, UTF-8 unless a byte-order mark says otherwise.</summary>
    public BoundedLineReader(string path, int maxChars)
    {
        this.path = path;
        this.maxChars = maxChars;
        buffer = new char[maxChars + 2];
        reader = new StreamReader(path);
    }

    /// <summary>Gets the 1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Returns the next line without its line break, or false at the end.</summary>
    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            var pending = buffer.AsSpan(start, end - start);
            var newline = pending.IndexOf('\n');
            if (newline >= 0 || (atEnd && pending.Length > 0))
            {
                var length = newline >= 0 ? newline : pending.Length;
                line = pending[..length].TrimEnd('\r');
                start += newline >= 0 ? length + 1 : length;
                LineNumber++;
                return true;
            }

            if (atEnd)
            {
                line = default;
                return false;
            }

            Fill();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => reader.Dispose();

    private void Fill()
    {
        buffer.AsSpan(start, end - start).CopyTo(buffer);
        end -= start;
        start = 0;
        if (end == buffer.Length)
        {
            throw new InvalidDataException(Invariant(
                $"{path}: line {LineNumber + 1} is longer than {maxChars} characters"));
        }

        var read = reader.Read(buffer, end, buffer.Length - end);
        atEnd = read == 0;
        end += read;
    }
}
