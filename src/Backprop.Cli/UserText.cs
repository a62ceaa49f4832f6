using System.Text;
using System.Text.RegularExpressions;

namespace Backprop.Cli;

/// <summary>Makes user-supplied text, such as a case's name, safe to print on one line.
/// </summary>
/// <remarks>
/// A name from a file could hold terminal escape sequences (which recolour or rewrite the
/// screen) or line breaks (which forge extra output lines). Escape sequences are dropped,
/// line breaks and tabs become spaces and other control characters are removed.
/// </remarks>
internal static partial class UserText
{
    /// <summary>Returns the text without control characters or escape sequences.</summary>
    /// <param name="text">The user's text.</param>
    /// <returns>One printable line.</returns>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var withoutEscapes = EscapeSequence().Replace(text, "");
        var line = new StringBuilder(withoutEscapes.Length);
        foreach (var c in withoutEscapes)
        {
            if (c is '\n' or '\r' or '\t')
            {
                line.Append(' ');
            }
            else if (!char.IsControl(c) && c is not ('\u2028' or '\u2029'))
            {
                line.Append(c);
            }
        }

        return line.ToString();
    }

    // CSI (ESC [ … final byte) and OSC (ESC ] … BEL or ESC \) sequences, then any lone ESC x.
    [GeneratedRegex(@"\x1B\[[0-?]*[ -/]*[@-~]|\x1B\][^\x07\x1B]*(?:\x07|\x1B\\)?|\x1B.?")]
    private static partial Regex EscapeSequence();
}
