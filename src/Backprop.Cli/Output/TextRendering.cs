using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Backprop.Cli.Output;

/// <summary>Renders Spectre.Console tables to text, in colour only on a real terminal.</summary>
/// <remarks>
/// Output is rendered into a string first and written in one piece, so a command that fails
/// half-way has written nothing on stdout. Colour is used only when the writer is the
/// process's stdout, stdout is a terminal, and <c>NO_COLOR</c> is unset or empty.
/// </remarks>
internal static class TextRendering
{
    // Tables are never squeezed to the terminal: a cell cut into pieces reads worse than a
    // long line the terminal wraps. 240 columns hold a table of 20 classes.
    private const int RenderWidth = 240;

    /// <summary>Decides whether text for a writer may carry ANSI colour codes.</summary>
    /// <param name="output">The writer the text will go to.</param>
    /// <returns>True only for an interactive stdout without <c>NO_COLOR</c>.</returns>
    public static bool UseColor(TextWriter output) =>
        ReferenceEquals(output, Console.Out)
        && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>Renders a table or other renderable to text.</summary>
    /// <param name="renderable">What to render.</param>
    /// <param name="color">Whether to emit ANSI colour codes.</param>
    /// <returns>The rendered text, ending with a line break.</returns>
    public static string Render(IRenderable renderable, bool color)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = RenderWidth;
        console.Write(renderable);
        return Tidy(writer.ToString());
    }

    /// <summary>Drops trailing spaces and the blank lines borderless tables leave around them.
    /// </summary>
    private static string Tidy(string rendered)
    {
        var lines = rendered.Split('\n');
        var text = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length > 0)
            {
                text.Append(trimmed).Append('\n');
            }
        }

        return text.ToString();
    }
}
