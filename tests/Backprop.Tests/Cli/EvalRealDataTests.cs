using System.Text.Json;
using Backprop.Data;
using Backprop.Tests.Data;
using Backprop.Training;

namespace Backprop.Tests.Cli;

/// <summary>eval and predict on the installed Fashion-MNIST (scripts/install-data.sh).</summary>
[Trait("Category", "RealData")]
public sealed class EvalRealDataTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Eval_FashionMnist_JsonAccuracyAndLossEqualTrainerEvaluate()
    {
        var split = DataSets.Load(DataSets.FashionMnist);
        var model = TestModels.Write(
            Path.Combine(temp.Root, "fashion.safetensors"),
            TestModels.LogisticRegression(784, 10),
            seed: 5,
            data: DataSets.FashionMnist,
            scaling: InputScaling.Standardize(split.Train.Pixels));
        var expected = TestModels.Evaluate(model, split.Test);

        var result = CliRunner.Run(
            "eval", "--model", model, "--data", DataSets.FashionMnist, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(10000, json.GetProperty("count").GetInt32());
        Assert.Equal(expected.Accuracy, json.GetProperty("accuracy").GetDouble());
        Assert.Equal(expected.Loss, json.GetProperty("loss").GetDouble());
        Assert.Equal("Ankle boot", json.GetProperty("classes")[9].GetString());
    }

    [Fact]
    public void Predict_FashionMnistIdx_ShowsClassNamesAndTheLabelBeside()
    {
        var images = Path.Combine(DataSets.DefaultFashionMnistFolder, "t10k-images-idx3-ubyte.gz");
        var model = TestModels.Write(
            Path.Combine(temp.Root, "fashion.safetensors"),
            TestModels.LogisticRegression(784, 10),
            data: DataSets.FashionMnist);

        var result = CliRunner.Run("predict", "--model", model, "--input", images, "--index", "0");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"{images}[0]: ", result.Out);
        Assert.Contains("(label 9 Ankle boot, ", result.Out);
    }
}
