using Backprop.Cli.Plots;

namespace Backprop.Tests.Plots;

public class PlotFontsTests
{
    [Fact]
    public void Choose_DejaVuInstalled_PrefersDejaVuSans()
    {
        Assert.Equal("DejaVu Sans", PlotFonts.Choose(["DejaVu Serif", "DejaVu Sans"]));
    }

    [Fact]
    public void Choose_NoPreferredFamily_KeepsSkiaDefault()
    {
        Assert.Null(PlotFonts.Choose(["Some Serif"]));
    }

    [Fact]
    public void Choose_NoFontInstalled_ThrowsNotSupported()
    {
        var e = Assert.Throws<NotSupportedException>(() => PlotFonts.Choose([]));

        Assert.Contains("fonts-dejavu-core", e.Message, StringComparison.Ordinal);
    }
}
