using ScottPlot;
using SkiaSharp;

namespace Backprop.Cli.Plots;

/// <summary>Picks an installed sans-serif font for every text on our plots.</summary>
/// <remarks>
/// On Linux, Skia (the NoDependencies native build ScottPlot uses) reads only the font files
/// under /usr/share/fonts and falls back to the first family it finds, often a serif one.
/// Limitation: with no font files at all Skia would draw every text as nothing, so plotting
/// throws <see cref="NotSupportedException"/> instead; install a font package (on Debian,
/// fonts-dejavu-core).
/// </remarks>
internal static class PlotFonts
{
    private static readonly string[] Preferred =
    [
        "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI",
    ];

    private static readonly Lazy<string[]> Installed =
        new(() => SKFontManager.Default.GetFontFamilies());

    /// <summary>Makes the preferred font ScottPlot's default, before any plot is built.</summary>
    /// <remarks>
    /// ScottPlot copies <see cref="Fonts.Default"/> into each label style when the style is
    /// created, so this must run before the plot and its panels are made. It changes
    /// process-wide ScottPlot state, always to the same value.
    /// </remarks>
    /// <exception cref="NotSupportedException">No font is installed.</exception>
    public static void UseInstalledSans()
    {
        if (Choose(Installed.Value) is { } family)
        {
            Fonts.Default = family;
        }
    }

    /// <summary>Chooses the font family to draw with.</summary>
    /// <param name="installed">The installed font families.</param>
    /// <returns>
    /// The first preferred sans-serif family installed, or null to keep Skia's default.
    /// </returns>
    /// <exception cref="NotSupportedException"><paramref name="installed"/> is empty.</exception>
    public static string? Choose(IReadOnlyCollection<string> installed)
    {
        if (installed.Count == 0)
        {
            throw new NotSupportedException(
                "Plots need a font, but none is installed under /usr/share/fonts; install one "
                + "(on Debian or Ubuntu: apt-get install fonts-dejavu-core).");
        }

        var names = new HashSet<string>(installed, StringComparer.OrdinalIgnoreCase);
        return Array.Find(Preferred, names.Contains);
    }
}
