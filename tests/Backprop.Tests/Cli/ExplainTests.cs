using System.Collections.Concurrent;
using System.CommandLine;
using System.Text.Json;
using Backprop.Cli;
using Backprop.Cli.Commands;
using Backprop.Cli.Explain;
using Backprop.Jacobians;
using Backprop.Networks;

namespace Backprop.Tests.Cli;

public class ExplainTests
{
    private const string OneLayer = "01-one-layer-softmax-ce.json";
    private const string TwoLayer = "02-two-layer-relu-softmax-ce.json";
    private const string LeNet = "03-lenet-300-100.json";

    private static readonly ConcurrentDictionary<string, (CaseFile, JacobianResult)> Computed =
        new();

    public static TheoryData<string> DenseCases()
    {
        var data = new TheoryData<string>();
        var paths = Directory.GetFiles(CasesFolder, "*.json").Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (IsDense(path))
            {
                data.Add(Path.GetFileName(path));
            }
        }

        return data;
    }

    public static TheoryData<string, string> DenseCasesInEveryFormat()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in DenseCases())
        {
            foreach (var format in ExplainCommand.Formats)
            {
                data.Add(name, format);
            }
        }

        return data;
    }

    [Fact]
    public void Json_PaperOneLayerExample_ThetaJacobianIs3By15()
    {
        var json = Json(OneLayer);

        Assert.Equal([3, 15], Shape(json.GetProperty("theta_jacobian")));
        var block = Assert.Single(json.GetProperty("blocks").EnumerateArray().ToList());
        Assert.Equal([3, 15], Shape(block));
    }

    [Fact]
    public void Json_PaperTwoLayerExample_BlocksAre3By25And3By18()
    {
        var json = Json(TwoLayer);

        var blocks = json.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(2, blocks.Count);
        Assert.Equal([3, 25], Shape(blocks[0]));
        Assert.Equal([3, 18], Shape(blocks[1]));
        Assert.Equal([3, 43], Shape(json.GetProperty("theta_jacobian")));
        Assert.Equal(43, json.GetProperty("network").GetProperty("parameter_count").GetInt32());
    }

    [Fact]
    public void Json_PaperTwoLayerExample_FactorShapesAndStructures()
    {
        var factors = Json(TwoLayer).GetProperty("factors").EnumerateArray()
            .Select(f => $"{f.GetProperty("name").GetString()} "
                + $"{string.Join("x", Shape(f))} {f.GetProperty("structure").GetString()}");

        Assert.Equal(
            [
                "D^[1] 5x5 diagonal",
                "[I₅ ⊗ xᵀ | I₅] 5x25 kronecker",
                "(W^[2])ᵀ 3x5 dense",
                "[I₃ ⊗ (a^[1])ᵀ | I₃] 3x18 kronecker",
            ],
            factors);
    }

    [Fact]
    public void Json_LayerOneBlock_IsChainTimesKroneckerOfInputX()
    {
        // The corrected Algorithm 1: layer 1's block diagonal holds x, not a^[1].
        var (item, _) = Compute(TwoLayer);
        var block = Json(TwoLayer).GetProperty("blocks")[0];

        var product = block.GetProperty("product").EnumerateArray().Select(p => p.GetString());
        Assert.Equal(["(W^[2])ᵀ", "D^[1]", "[I₅ ⊗ xᵀ | I₅]"], product);
        var input = Json(TwoLayer).GetProperty("factors")[1].GetProperty("input");
        Assert.Equal(item.X, Values(input.GetProperty("values")));
    }

    [Fact]
    public void Json_ReluLayer_ListsDeletedUnits()
    {
        var D = Json(TwoLayer).GetProperty("factors")[0];

        var zeroUnits = D.GetProperty("zero_units").EnumerateArray().Select(u => u.GetInt32());
        Assert.Equal([3, 4], zeroUnits);
        Assert.Equal([1.0, 1, 0, 0, 1], Values(D.GetProperty("diagonal").GetProperty("values")));
    }

    [Theory]
    [MemberData(nameof(DenseCases))]
    public void Json_Numbers_EqualTheEngines(string name)
    {
        var (_, result) = Compute(name);
        var json = Json(name);

        Assert.Equal(result.Loss, json.GetProperty("loss").GetDouble());
        var outputGradient = json.GetProperty("output_gradient").GetProperty("values");
        Assert.Equal(result.OutputGradient, Values(outputGradient));
        var gradient = json.GetProperty("gradient");
        if (result.ThetaGradient.Length <= ExplainCommand.DefaultJsonMaxEntries)
        {
            Assert.Equal(result.ThetaGradient, Values(gradient.GetProperty("values")));
        }

        var J = json.GetProperty("theta_jacobian");
        if (result.ThetaJacobian.Data.LongLength <= ExplainCommand.DefaultJsonMaxEntries)
        {
            Assert.Equal(result.ThetaJacobian.Data, Rows(J.GetProperty("values")));
        }
        else
        {
            Assert.True(J.GetProperty("omitted").GetBoolean());
        }

        var blocks = json.GetProperty("blocks");
        for (var layer = 0; layer < result.Layers.Count; layer++)
        {
            var expected = result.LayerBlock(layer).Data;
            if (expected.LongLength <= ExplainCommand.DefaultJsonMaxEntries)
            {
                Assert.Equal(expected, Rows(blocks[layer].GetProperty("values")));
            }
        }
    }

    [Theory]
    [MemberData(nameof(DenseCases))]
    public void Json_ParameterGradients_EqualTheEnginesInParameterShape(string name)
    {
        var (_, result) = Compute(name);
        var gradients = result.Gradients();

        var parameters = Json(name).GetProperty("gradient").GetProperty("parameters");
        for (var p = 0; p < result.Network.Parameters.Count; p++)
        {
            var info = result.Network.Parameters[p];
            var entry = parameters[p];
            Assert.Equal(info.Name, entry.GetProperty("parameter").GetString());
            var rows = info.Shape[0];
            var columns = info.Shape.Length == 2 ? info.Shape[1] : 1;
            Assert.Equal([rows, columns], Shape(entry));
            if (info.Count <= ExplainCommand.DefaultJsonMaxEntries)
            {
                var values = entry.GetProperty("values");
                var flat = entry.GetProperty("layout").GetString() == "flat";
                Assert.Equal(info.Shape.Length == 1, flat);
                Assert.Equal(gradients.Values(p), flat ? Values(values) : Rows(values));
            }
        }
    }

    [Theory]
    [MemberData(nameof(DenseCasesInEveryFormat))]
    public void Render_EveryDenseCaseInEveryFormat_Succeeds(string name, string format)
    {
        var (item, result) = Compute(name);

        var output = ExplainCommand.Render(item, result, format, null);

        Assert.False(string.IsNullOrWhiteSpace(output));
        if (format == "json")
        {
            using var document = JsonDocument.Parse(output);
            var schema = document.RootElement.GetProperty("schema").GetString();
            Assert.Equal(JsonRenderer.Schema, schema);
        }
    }

    [Theory]
    [MemberData(nameof(DenseCases))]
    public void Text_NoLineIsWiderThan100(string name)
    {
        var (item, result) = Compute(name);

        var lines = ExplainCommand.Render(item, result, "text", null).Split('\n');

        var widest = lines.MaxBy(line => line.Length)!;
        Assert.True(widest.Length <= 100, $"{widest.Length} characters: {widest}");
    }

    [Theory]
    [MemberData(nameof(DenseCases))]
    public void Latex_IsAsciiWithBalancedEnvironments(string name)
    {
        var (item, result) = Compute(name);

        var latex = ExplainCommand.Render(item, result, "latex", null);

        Assert.All(latex, c => Assert.True(c < 128, $"non-ASCII character U+{(int)c:X4}"));
        foreach (var environment in new[] { "align*", "bmatrix", "tabular", "center" })
        {
            Assert.Equal(
                Count(latex, $"\\begin{{{environment}}}"),
                Count(latex, $"\\end{{{environment}}}"));
        }
    }

    [Fact]
    public void Markdown_CodeFencesAreClosed()
    {
        var (item, result) = Compute(TwoLayer);

        var markdown = ExplainCommand.Render(item, result, "markdown", null);

        Assert.Equal(0, Count(markdown, "```") % 2);
        Assert.Contains("## 4. The factors", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_LeNet_PrintsSummariesNotMegabytes()
    {
        var (item, result) = Compute(LeNet);

        var text = ExplainCommand.Render(item, result, "text", null);

        Assert.True(text.Length < 50_000, $"{text.Length} characters");
        Assert.Contains("10 × 266610", text, StringComparison.Ordinal);
        Assert.Contains("over the --max-entries limit", text, StringComparison.Ordinal);
        Assert.Contains("LeNet-300-100", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_LeNet_OmitsTheFullJacobian()
    {
        var (item, result) = Compute(LeNet);

        var output = ExplainCommand.Render(item, result, "json", null);

        Assert.True(output.Length < 4_000_000, $"{output.Length} characters");
        using var document = JsonDocument.Parse(output);
        var J = document.RootElement.GetProperty("theta_jacobian");
        Assert.True(J.GetProperty("omitted").GetBoolean());
        Assert.False(J.TryGetProperty("values", out _));
        Assert.Equal([10, 266610], Shape(J));
    }

    [Fact]
    public void Text_TwoLayerCase_ShowsTheDerivationSteps()
    {
        var (item, result) = Compute(TwoLayer);

        var text = ExplainCommand.Render(item, result, "text", null);

        Assert.Contains(
            "θ = [Vec(W^[1]); b^[1]; Vec(W^[2]); b^[2]] ∈ ℝ⁴³", text, StringComparison.Ordinal);
        Assert.Contains("∇_{z^[2]} ℓ = −(y − ŷ)", text, StringComparison.Ordinal);
        Assert.Contains(
            "J_{W^[1],b^[1]} z^[2] = (W^[2])ᵀ  D^[1]  [I₅ ⊗ xᵀ | I₅]",
            text,
            StringComparison.Ordinal);
        Assert.Contains("3 × 25", text, StringComparison.Ordinal);
        Assert.Contains("→  3 × 43", text, StringComparison.Ordinal);
        Assert.Contains("deletes rows 3, 4", text, StringComparison.Ordinal);
        Assert.Contains("Algorithm 1 (line 3)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_GeneralPair_UsesTheChainRule()
    {
        var (item, result) = Compute("09-tanh-sigmoid-squared-error.json");

        var text = ExplainCommand.Render(item, result, "text", null);

        Assert.Contains("not a Table 1 pair", text, StringComparison.Ordinal);
        Assert.Contains("(D^[2])ᵀ ∇_ŷ ℓ", text, StringComparison.Ordinal);
        Assert.Contains("∇_ŷ ℓ = −2(y − ŷ)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_MaxEntriesZero_SummarisesEveryArray()
    {
        var (item, result) = Compute(TwoLayer);

        var text = ExplainCommand.Render(item, result, "text", 0);

        Assert.DoesNotContain("⎡", text, StringComparison.Ordinal);
        Assert.Contains(
            "J_{z^[1]} z^[2] = (W^[2])ᵀ D^[1]: 3 × 5 dense", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownFormat_ThrowsUsageException()
    {
        var (item, result) = Compute(OneLayer);

        Assert.Throws<UsageException>(() => ExplainCommand.Render(item, result, "pdf", null));
    }

    [Fact]
    public void Render_NegativeMaxEntries_ThrowsUsageException()
    {
        var (item, result) = Compute(OneLayer);

        Assert.Throws<UsageException>(() => ExplainCommand.Render(item, result, "text", -1));
    }

    [Fact]
    public void Command_BadFormat_IsUsageError()
    {
        var exit = Run("explain", CasePath(OneLayer), "--format", "pdf");

        Assert.Equal(CommandRunner.UsageError, exit);
    }

    [Fact]
    public void Command_BadFormat_IsReportedBeforeTheCaseIsRead()
    {
        var exit = Run("explain", CasePath("no-such-case.json"), "--format", "pdf");

        Assert.Equal(CommandRunner.UsageError, exit);
    }

    [Fact]
    public void Command_NegativeMaxEntries_IsUsageError()
    {
        var exit = Run("explain", CasePath(OneLayer), "--max-entries", "-5");

        Assert.Equal(CommandRunner.UsageError, exit);
    }

    [Fact]
    public void Command_MissingCaseFile_IsDataError()
    {
        var exit = Run("explain", CasePath("no-such-case.json"));

        Assert.Equal(CommandRunner.DataError, exit);
    }

    [Fact]
    public void ValueFormat_NegativeZero_IsWrittenAsZero()
    {
        var format = ValueFormat.For([-0.0, 0.25, -0.5]);

        Assert.Equal("0", format.Compact(-0.0));
        Assert.Equal("-0.50", format.Compact(-0.5));
    }

    private static string CasesFolder => Path.Combine(AppContext.BaseDirectory, "Cases");

    private static string CasePath(string name) => Path.Combine(CasesFolder, name);

    private static bool IsDense(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("network").GetProperty("layers").EnumerateArray()
            .All(layer => layer.GetProperty("type").GetString() == "dense");
    }

    private static (CaseFile Item, JacobianResult Result) Compute(string name) =>
        Computed.GetOrAdd(name, n =>
        {
            var item = CaseFile.Load(CasePath(n));
            return (item, JacobianEngine.Compute(item.Parameters, item.X, item.Y));
        });

    private static JsonElement Json(string name)
    {
        var (item, result) = Compute(name);
        using var document = JsonDocument.Parse(ExplainCommand.Render(item, result, "json", null));
        return document.RootElement.Clone();
    }

    private static int[] Shape(JsonElement element) =>
        [.. element.GetProperty("shape").EnumerateArray().Select(n => n.GetInt32())];

    private static double[] Values(JsonElement array) =>
        [.. array.EnumerateArray().Select(v => v.GetDouble())];

    private static double[] Rows(JsonElement array) =>
        [.. array.EnumerateArray().SelectMany(row => row.EnumerateArray())
            .Select(v => v.GetDouble())];

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0;
            i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static int Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(ExplainCommand.Create());
        return CommandRunner.Run(root, args);
    }
}
