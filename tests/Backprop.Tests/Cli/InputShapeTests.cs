using Backprop.Networks;
using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

/// <summary>A network whose input is an image must take the data's image shape, not only
/// its pixel count.</summary>
public sealed class InputShapeTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string data;

    public InputShapeTests()
    {
        data = TestImages.WriteIdxFolder(temp, "idx", rows: 3, columns: 5);
    }

    public void Dispose() => temp.Dispose();

    private string Network(string name, string input) => temp.WriteText(
        name,
        $$"""
        {"input": {{input}}, "layers": [
          {"type": "conv2d", "filters": 2, "kernel": 2, "activation": "relu"},
          {"type": "flatten"}, {"type": "dense", "units": 10, "activation": "softmax"}],
         "loss": "cross-entropy"}
        """);

    private string Model(string input)
    {
        var network = NetworkReader.ReadFile(Network("net.json", input));
        return TestModels.Write(Path.Combine(temp.Root, "model.safetensors"), network);
    }

    [Theory]
    [InlineData("[1, 5, 3]")]
    [InlineData("[3, 3, 5]")]
    public void Train_NetworkShapeNotTheImages_IsADataErrorNamingBothShapes(string input)
    {
        var network = Network("net.json", input);

        var result = CliRunner.Run(
            "train", "--data", data, "--model", network, "--epochs", "1",
            "--batch-size", "10", "--out", Path.Combine(temp.Root, "run"), "--quiet");

        CliRunner.AssertDataError(result, network, $"shape {input}");
        Assert.Contains("3 × 5", result.Err);
    }

    [Fact]
    public void Train_NetworkShapeOfTheImages_Trains()
    {
        var network = Network("net.json", "[1, 3, 5]");

        var result = CliRunner.Run(
            "train", "--data", data, "--model", network, "--epochs", "1",
            "--batch-size", "10", "--out", Path.Combine(temp.Root, "run"), "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Bench_NetworkShapeNotTheImages_IsADataError()
    {
        var network = Network("net.json", "[1, 5, 3]");

        var result = CliRunner.Run(
            "bench", "--data", data, "--model", network, "--epochs", "1");

        CliRunner.AssertDataError(result, network, "shape [1, 5, 3]");
    }

    [Fact]
    public void Eval_ModelShapeNotTheImages_IsADataErrorNamingBothShapes()
    {
        var model = Model("[1, 5, 3]");

        var result = CliRunner.Run("eval", "--model", model, "--data", data);

        CliRunner.AssertDataError(result, model, "shape [1, 5, 3]");
        Assert.Contains("3 x 5", result.Err);
    }

    [Fact]
    public void Predict_IdxImagesOfAnotherShape_IsADataError()
    {
        var model = Model("[1, 5, 3]");
        var images = Path.Combine(data, "t10k-images-idx3-ubyte");

        var result = CliRunner.Run(
            "predict", "--model", model, "--input", images, "--index", "0");

        CliRunner.AssertDataError(result, images, "the model takes images of 5 x 3");
    }
}
