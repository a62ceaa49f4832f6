using System.Globalization;
using System.Text.Json;
using Backprop.Data;
using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

public sealed class EvalCommandTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string folder;
    private readonly string model;

    public EvalCommandTests()
    {
        folder = TestImages.WriteIdxFolder(temp, "idx", rows: 3, columns: 5);
        model = TestModels.Write(
            Path.Combine(temp.Root, "model.safetensors"), TestModels.LogisticRegression(15, 10));
    }

    public void Dispose() => temp.Dispose();

    private static string Case(string name) =>
        Path.Combine(AppContext.BaseDirectory, "Data", name);

    private static JsonElement Json(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Out).RootElement;
    }

    [Fact]
    public void Eval_Json_AccuracyEqualsTrainerEvaluate()
    {
        var expected = TestModels.Evaluate(model, DataSets.Load(folder).Test);

        var json = Json(CliRunner.Run("eval", "--model", model, "--data", folder, "--json"));

        Assert.Equal(expected.Accuracy, json.GetProperty("accuracy").GetDouble());
        Assert.InRange(expected.Accuracy, 0.0, 1.0);
    }

    [Fact]
    public void Eval_Json_LossEqualsTrainerEvaluate()
    {
        var expected = TestModels.Evaluate(model, DataSets.Load(folder).Test);

        var json = Json(CliRunner.Run("eval", "--model", model, "--data", folder, "--json"));

        Assert.Equal(expected.Loss, json.GetProperty("loss").GetDouble());
    }

    [Fact]
    public void Eval_Json_ConfusionIsTrueByPredicted()
    {
        var expected = TestModels.Evaluate(model, DataSets.Load(folder).Test).Confusion;

        var json = Json(CliRunner.Run("eval", "--model", model, "--data", folder, "--json"));

        var rows = json.GetProperty("confusion").EnumerateArray().ToArray();
        Assert.Equal(10, rows.Length);
        for (var actual = 0; actual < 10; actual++)
        {
            var row = rows[actual].EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var expectedRow = Enumerable.Range(0, 10).Select(p => expected[actual, p]).ToArray();
            Assert.Equal(expectedRow, row);
        }
    }

    [Fact]
    public void Eval_Json_NamesModelDataSplitAndCount()
    {
        var json = Json(CliRunner.Run("eval", "--model", model, "--data", folder, "--json"));

        Assert.Equal(model, json.GetProperty("model").GetString());
        Assert.Equal(folder, json.GetProperty("data").GetString());
        Assert.Equal("test", json.GetProperty("split").GetString());
        Assert.Equal(23, json.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Eval_TrainSplit_EvaluatesTheTrainingImages()
    {
        var expected = TestModels.Evaluate(model, DataSets.Load(folder).Train);

        var json = Json(CliRunner.Run(
            "eval", "--model", model, "--data", folder, "--split", "train", "--json"));

        Assert.Equal(40, json.GetProperty("count").GetInt32());
        Assert.Equal(expected.Accuracy, json.GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void Eval_BatchSize_DoesNotChangeTheResult()
    {
        var one = Json(CliRunner.Run(
            "eval", "--model", model, "--data", folder, "--json", "--batch-size", "1"));
        var all = Json(CliRunner.Run(
            "eval", "--model", model, "--data", folder, "--json", "--batch-size", "1000"));

        Assert.Equal(one.GetProperty("loss").GetDouble(), all.GetProperty("loss").GetDouble());
        Assert.Equal(
            one.GetProperty("accuracy").GetDouble(), all.GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void Eval_Text_PrintsAccuracyLossAndAPlainConfusionTable()
    {
        var expected = TestModels.Evaluate(model, DataSets.Load(folder).Test);

        var result = CliRunner.Run("eval", "--model", model, "--data", folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        var percent = (100 * expected.Accuracy).ToString("F2", CultureInfo.InvariantCulture);
        Assert.Contains($"({percent}%)", result.Out);
        Assert.Contains("loss ", result.Out);
        Assert.Contains("true \\ predicted", result.Out);
        Assert.Contains("recall", result.Out);
        Assert.DoesNotContain("\u001b[", result.Out);
        Assert.Contains("eval: model", result.Err);
    }

    [Fact]
    public void Eval_ModelInputSizeDiffers_ExitsWithDataErrorNamingTheModel()
    {
        var wide = TestModels.Write(
            Path.Combine(temp.Root, "wide.safetensors"), TestModels.LogisticRegression(784, 10));

        var result = CliRunner.Run("eval", "--model", wide, "--data", folder);

        CliRunner.AssertDataError(result, wide, "takes 784 inputs");
    }

    [Fact]
    public void Eval_ModelOutputCountDiffers_ExitsWithDataErrorNamingTheModel()
    {
        var three = TestModels.Write(
            Path.Combine(temp.Root, "three.safetensors"), TestModels.LogisticRegression(15, 3));

        var result = CliRunner.Run("eval", "--model", three, "--data", folder);

        CliRunner.AssertDataError(result, three, "has 3 outputs");
    }

    [Theory]
    [InlineData("train-images-idx3-ubyte", "truncated-images-idx3-ubyte", "truncated")]
    [InlineData("t10k-images-idx3-ubyte", "truncated-images-idx3-ubyte", "truncated")]
    [InlineData("train-labels-idx1-ubyte", "little-endian-header-labels-idx1-ubyte", "bad magic")]
    [InlineData("t10k-labels-idx1-ubyte", "little-endian-header-labels-idx1-ubyte", "bad magic")]
    public void Eval_MalformedDataFile_ExitsWithDataErrorNamingTheFile(
        string slot,
        string malformed,
        string problem)
    {
        var bad = Path.Combine(temp.Root, "bad");
        Directory.CreateDirectory(bad);
        foreach (var prefix in new[] { "train", "t10k" })
        {
            var images = Path.Combine(bad, $"{prefix}-images-idx3-ubyte");
            var labels = Path.Combine(bad, $"{prefix}-labels-idx1-ubyte");
            File.Copy(Case("ok-images-idx3-ubyte"), images);
            File.Copy(Case("ok-labels-idx1-ubyte"), labels);
        }

        File.Copy(Case(malformed), Path.Combine(bad, slot), overwrite: true);

        var result = CliRunner.Run("eval", "--model", model, "--data", bad);

        CliRunner.AssertDataError(result, Path.Combine(bad, slot), problem);
    }

    [Fact]
    public void Eval_ModelFileMissing_ExitsWithDataError()
    {
        var missing = Path.Combine(temp.Root, "missing.safetensors");

        var result = CliRunner.Run("eval", "--model", missing, "--data", folder);

        CliRunner.AssertDataError(result, missing, "no such model file");
    }

    [Fact]
    public void Eval_ModelFileIsNotSafetensors_ExitsWithDataError()
    {
        var idx = Case("ok-images-idx3-ubyte");

        var result = CliRunner.Run("eval", "--model", idx, "--data", folder);

        CliRunner.AssertDataError(result, idx, "header");
    }

    [Fact]
    public void Eval_ModelFileTruncated_ExitsWithDataError()
    {
        var bytes = File.ReadAllBytes(model);
        var cut = temp.Write("cut.safetensors", bytes[..(bytes.Length - 10)]);

        var result = CliRunner.Run("eval", "--model", cut, "--data", folder);

        CliRunner.AssertDataError(result, cut, "");
    }

    [Fact]
    public void Eval_UnknownDataSet_IsUsageErrorSuggestingAName()
    {
        var result = CliRunner.Run("eval", "--model", model, "--data", "fashon-mnist");

        CliRunner.AssertUsageError(result, "did you mean 'fashion-mnist'");
    }

    [Theory]
    [InlineData("--data", "x")]
    [InlineData("--model", "m.safetensors")]
    [InlineData("--model", "m", "--data", "x", "--split", "valid")]
    [InlineData("--model", "m", "--data", "x", "--batch-size", "0")]
    [InlineData("--model", "m", "--data", "x", "--batch-size", "many")]
    [InlineData("--model", "m", "--data", "x", "--bogus")]
    public void Eval_BadFlags_ExitsWithUsageError(params string[] args)
    {
        var result = CliRunner.Run(["eval", .. args]);

        CliRunner.AssertUsageError(result, "");
    }
}
