using System.Text.Json;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.Cli;

public sealed class ExplainConvTests
{
    [Fact]
    public void Explain_PaperConvCase_ShowsCorrectedToeplitzFactor()
    {
        var result = CliRunner.Run("explain", TestCases.PathOf("08-conv-paper-3x3-2x2.json"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Teop(K1)  4 × 9, doubly block Toeplitz", result.Out,
            StringComparison.Ordinal);
        Assert.Contains("[ 0 0 0 -0.334 0.219 0 0.935 -0.534 0 ]", result.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_PoolingCase_ShowsSelectionFactorShape()
    {
        var result = CliRunner.Run("explain", TestCases.PathOf("13-lenet-tiny-8x8.json"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("J_a z^[2] = S  64 × 256, 0/1 selection", result.Out,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("markdown")]
    [InlineData("latex")]
    public void Explain_ConvCase_RendersInOtherFormats(string format)
    {
        var result = CliRunner.Run(
            "explain", TestCases.PathOf("14-conv-multi-channel-filter.json"), "--format", format);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Teop(K1)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ConvCaseAsJson_ListsFactorsAndGradient()
    {
        var result = CliRunner.Run(
            "explain", TestCases.PathOf("13-lenet-tiny-8x8.json"), "--format", "json");

        using var document = JsonDocument.Parse(result.Out);
        var root = document.RootElement;
        var first = root.GetProperty("layers")[0].GetProperty("factors")[0];
        Assert.Equal("toeplitz", first.GetProperty("structure").GetString());
        Assert.Equal(256, first.GetProperty("rows").GetInt32());
        Assert.Equal(690, root.GetProperty("theta_gradient").GetArrayLength());
    }

    [Fact]
    public void Explain_PlotOfConvCase_AlsoDrawsToeplitzFactor()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"explain-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var plot = Path.Combine(folder, "j.png");
            var result = CliRunner.Run(
                "explain", TestCases.PathOf("13-lenet-tiny-8x8.json"), "--plot", plot);

            Assert.Equal(0, result.ExitCode);
            Assert.True(File.Exists(plot));
            Assert.True(File.Exists(Path.Combine(folder, "j-teop1.png")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
