using System.Text.Json;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.Cli;

public sealed class GradCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("backprop-grad-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Grad_Json_PrintsLossGradientsAndTheta()
    {
        var path = TestCases.PathOf("02-two-layer-relu-softmax-ce.json");

        var result = CliRunner.Run("grad", path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal(43, document.RootElement.GetProperty("theta_gradient").GetArrayLength());
        var W1 = document.RootElement.GetProperty("gradients").GetProperty("W1");
        Assert.Equal(4, W1.GetArrayLength());
    }

    [Fact]
    public void Grad_IdentityOutputWithBinaryCrossEntropy_NamesFileAndDomain()
    {
        var path = Write("""
            {"network": {"input": [1], "layers": [{"type": "dense", "units": 1,
              "activation": "identity"}], "loss": "binary-cross-entropy"},
             "parameters": {"W1": [[2.0]], "b1": [0.0]}, "x": [1.0], "y": [1]}
            """);

        var result = CliRunner.Run("grad", path);

        CliRunner.AssertDataError(result, path, "needs outputs in (0, 1)");
        Assert.DoesNotContain("Parameter", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Grad_Text_SeparatesAndAlignsScientificNotation()
    {
        var path = Write("""
            {"network": {"input": [2], "layers": [{"type": "dense", "units": 2,
              "activation": "identity"}], "loss": "squared-error"},
             "parameters": {"W1": [[1.0, 0.0], [0.0, 1.0]], "b1": [0.0, 0.0]},
             "x": [3e-10, 1.0188293e-10], "y": [1, 1]}
            """);

        var result = CliRunner.Run("grad", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.Out.Split('\n')
            .SkipWhile(l => !l.StartsWith("∇W1", StringComparison.Ordinal)).Skip(1).Take(2)
            .ToArray();
        foreach (var row in rows)
        {
            Assert.DoesNotMatch(@"\d-\d", row);
            Assert.Equal(2, row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        }

        Assert.Equal(rows[0].Length, rows[1].Length);
        Assert.Matches(@"E-\d+ +-?\d", rows[0]);
    }

    [Fact]
    public void Grad_Overflow_IsReportedNotPrintedAsNaN()
    {
        var path = Write("""
            {"network": {"input": [1], "layers": [{"type": "dense", "units": 1,
              "activation": "identity"}], "loss": "squared-error"},
             "parameters": {"W1": [[1e308]], "b1": [0.0]}, "x": [1e308], "y": [0]}
            """);

        var result = CliRunner.Run("grad", path, "--json");

        CliRunner.AssertDataError(result, path, "overflows double precision");
    }

    [Fact]
    public void Gradcheck_DeepTanhNetwork_Agrees()
    {
        var path = TestCases.PathOf("10-deep-five-layer-mixed.json");

        var result = CliRunner.Run("gradcheck", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(agree;", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradcheck_WellFittedSample_AgreesWhereDifferencesCannotResolve()
    {
        // ℓ ≈ 4e-9: every gradient entry is below what central differences of this loss can
        // resolve (its terms are about 20 in size), which is not a disagreement.
        var path = Write("""
            {"network": {"input": [3], "layers": [
              {"type": "dense", "units": 4, "activation": "tanh"},
              {"type": "dense", "units": 3, "activation": "softmax"}], "loss": "cross-entropy"},
             "parameters": {"W1": [[0.3, -0.2, 0.5, 0.1], [-0.4, 0.6, 0.2, -0.3],
               [0.1, 0.2, -0.5, 0.4]], "b1": [0.1, -0.2, 0.0, 0.3],
               "W2": [[0.5, -0.3, 0.2], [-0.2, 0.4, 0.1], [0.3, 0.1, -0.5], [0.0, -0.2, 0.4]],
               "b2": [20.0, 0.0, 0.0]},
             "x": [0.5, -1.0, 2.0], "y": [1, 0, 0]}
            """);

        var result = CliRunner.Run("gradcheck", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(agree;", result.Out, StringComparison.Ordinal);
        Assert.Contains("not counted: 31 entries", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradcheck_StepAcrossAReluKink_Disagrees()
    {
        // z = 0 at the ReLU: the engines take its derivative there as 0, the differences
        // straddle the kink and see half the slope; a real disagreement, far above the noise.
        var path = Write("""
            {"network": {"input": [1], "layers": [
              {"type": "dense", "units": 1, "activation": "relu"},
              {"type": "dense", "units": 1, "activation": "identity"}], "loss": "squared-error"},
             "parameters": {"W1": [[1.0]], "b1": [0.0], "W2": [[1.0]], "b2": [0.0]},
             "x": [0.0], "y": [1]}
            """);

        var result = CliRunner.Run("gradcheck", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(DISAGREE;", result.Out, StringComparison.Ordinal);
        Assert.Contains("hint: a step across a ReLU kink", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradcheck_Lenet_DifferencesASpreadOfParametersAndAgrees()
    {
        var path = TestCases.PathOf("03-lenet-300-100.json");

        var result = CliRunner.Run("gradcheck", path, "--parameters", "600");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(
            "differencing 601 of 266,610 parameters", result.Out, StringComparison.Ordinal);
        Assert.Contains("(agree;", result.Out, StringComparison.Ordinal);
        Assert.Contains("b3         [10]", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_PlotOverTheCaseFile_IsRefused()
    {
        var path = Write(File.ReadAllText(TestCases.PathOf("01-one-layer-softmax-ce.json")));

        var result = CliRunner.Run("explain", path, "--plot", path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("{", File.ReadAllText(path).TrimStart(), StringComparison.Ordinal);
    }

    private string Write(string text)
    {
        var path = Path.Combine(folder, $"case-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }
}
