using Backprop.Serialization;
using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

/// <summary>A model whose outputs overflow is refused by eval and predict with one line,
/// never scored or printed as NaN.</summary>
public sealed class NonFiniteOutputTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string data;
    private readonly string model;

    public NonFiniteOutputTests()
    {
        data = TestImages.WriteIdxFolder(temp, "idx", rows: 3, columns: 5);
        var network = TestModels.LogisticRegression(15, 10);
        var theta = TestModels.RandomTheta(network, 1);
        Array.Fill(theta, 3e38f, 0, 15);
        model = Path.Combine(temp.Root, "model.safetensors");
        ModelFile.Save(model, network, theta, TestModels.Scaling);
    }

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Eval_OutputsOverflow_IsADataErrorNamingTheSample(bool json)
    {
        string[] args = ["eval", "--model", model, "--data", data];

        var result = CliRunner.Run(json ? [.. args, "--json"] : args);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Out);
        var line = Assert.Single(
            result.ErrLines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains($"{model}: the output for test sample 0 is not finite", line);
        Assert.DoesNotContain("JSON", result.Err);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Predict_OutputsOverflow_IsADataErrorNamingTheInput(bool json)
    {
        var images = Path.Combine(data, "t10k-images-idx3-ubyte");
        string[] args = ["predict", "--model", model, "--input", images, "--index", "0,1"];

        var result = CliRunner.Run(json ? [.. args, "--json"] : args);

        CliRunner.AssertDataError(result, $"{model}: the output for input 0", "is not finite");
    }
}
