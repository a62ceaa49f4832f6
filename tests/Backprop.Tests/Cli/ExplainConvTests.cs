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

    [Theory]
    [InlineData("08-conv-paper-3x3-2x2.json")]
    [InlineData("02-two-layer-relu-softmax-ce.json")]
    public void Explain_HostileCaseName_IsEscapedAndCleaned(string caseFile)
    {
        var folder = Directory.CreateTempSubdirectory("backprop-name-").FullName;
        try
        {
            var hostile = "x\n\\end{verbatim}\\input{/etc/passwd}\\begin{verbatim}"
                + "\u001b[31mred\r<b>*bold*</b>";
            var json = File.ReadAllText(TestCases.PathOf(caseFile));
            var path = Path.Combine(folder, "case.json");
            File.WriteAllText(path, System.Text.RegularExpressions.Regex.Replace(
                json, "\"name\": \"[^\"]*\"", $"\"name\": {JsonSerializer.Serialize(hostile)}"));

            var latex = CliRunner.Run("explain", path, "--format", "latex");
            var markdown = CliRunner.Run("explain", path, "--format", "markdown");
            var text = CliRunner.Run("explain", path);

            Assert.True(latex.ExitCode == 0, latex.ToString());
            Assert.DoesNotContain("\\input{", latex.Out, StringComparison.Ordinal);
            Assert.Equal(
                CountOf(latex.Out, "\\begin{verbatim}"), CountOf(latex.Out, "\\end{verbatim}"));
            Assert.All(
                markdown.Out.Split('\n').Where(l => l.StartsWith('#')),
                l => Assert.DoesNotContain("<b>", l, StringComparison.Ordinal));
            foreach (var output in new[] { latex.Out, markdown.Out, text.Out })
            {
                Assert.DoesNotContain('\u001b', output);
                Assert.DoesNotContain('\r', output);
            }

            Assert.Contains("x \\end{verbatim}", text.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int CountOf(string text, string part) =>
        text.Split(part).Length - 1;
}
