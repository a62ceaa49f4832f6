using System.Text;

namespace Backprop.Cli;

/// <summary>Writes a text file through a temporary file and a rename.</summary>
internal static class AtomicText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string text) =>
        Plots.AtomicFile.WriteAllBytes(path, Utf8.GetBytes(text));
}
