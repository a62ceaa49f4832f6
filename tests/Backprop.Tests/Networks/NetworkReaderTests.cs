using Backprop.Networks;

namespace Backprop.Tests.Networks;

public sealed class NetworkReaderTests : IDisposable
{
    private const string Valid = """
        {"network": {"input": [2], "layers": [
          {"type": "dense", "units": 3, "activation": "relu"},
          {"type": "dense", "units": 2, "activation": "softmax"}],
          "loss": "cross-entropy"},
         "parameters": {"W1": [[1, 2, 3], [4, 5, 6]], "b1": [0, 0, 0],
                        "W2": [[1, 2], [3, 4], [5, 6]], "b2": [0, 0]},
         "x": [0.5, -0.5], "y": [1, 0]}
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("backprop-net-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Load_ValidCase_ReadsEverything()
    {
        var item = CaseFile.Load(Write(Valid));

        Assert.Equal("2-3-2", item.Network.ShapeText());
        Assert.Equal([1, 2, 3, 4, 5, 6], item.Parameters.Values("W1"));
        Assert.Equal([0.5, -0.5], item.X);
    }

    [Theory]
    [InlineData(
        "\"relu\"}",
        "\"relux\"}",
        "layer 1 (dense): unknown activation",
        "did you mean 'relu'")]
    [InlineData(
        "\"relu\"}",
        "3}",
        "layer 1 (dense): activation must be a name, found the number 3",
        "expected one of identity")]
    [InlineData(
        "\"type\": \"dense\", \"units\": 3",
        "\"type\": \"dence\", \"units\": 3",
        "layer 1: unknown type",
        "did you mean 'dense'")]
    [InlineData(
        "\"units\": 2, \"activation\": \"softmax\"",
        "\"units\": 1, \"activation\": \"softmax\"",
        "layer 2 (dense): softmax on a one-unit layer",
        "")]
    [InlineData(
        "\"units\": 3,",
        "\"units\": 0,",
        "layer 1 (dense): 'units' must be an integer",
        "found the number 0")]
    [InlineData(
        "\"cross-entropy\"",
        "\"crossentropy\"",
        "unknown loss",
        "did you mean 'cross-entropy'")]
    [InlineData(
        "\"b1\": [0, 0, 0]",
        "\"b1\": [0, 0]",
        "parameters.b1 (layer 1): expected shape [3]",
        "length 2")]
    [InlineData(
        "\"W1\": [[1, 2, 3], [4, 5, 6]]",
        "\"W1\": [[1, 2, 3], [4, 5]]",
        "parameters.W1 (layer 1)[1]",
        "length 2")]
    [InlineData(
        "\"W1\": [[1, 2, 3], [4, 5, 6]]",
        "\"W1\": [[1, 2, 3], [4, 5, \"x\"]]",
        "parameters.W1 (layer 1)[1][2]: expected a finite number",
        "")]
    [InlineData(
        "\"W1\": [[1, 2, 3], [4, 5, 6]]",
        "\"W1\": [[1, 2, 3], [4, 5, 1e400]]",
        "expected a finite number",
        "1e400")]
    [InlineData("\"y\": [1, 0]", "\"y\": [1, 0, 0]", "y: expected shape [2]", "length 3")]
    [InlineData(
        "\"y\": [1, 0]",
        "\"y\": [1, -1]",
        "y[1] is -1; cross-entropy needs targets at least 0",
        "")]
    [InlineData(
        ", \"b2\": [0, 0]",
        ", \"b2\": [0, 0], \"W3\": [[1]]",
        "parameters: unexpected 'W3'",
        "W1, b1, W2, b2")]
    [InlineData(", \"b2\": [0, 0]", "", "parameters: missing 'b2'", "layer 2, shape [2]")]
    [InlineData("\"input\": [2]", "\"input\": [-2]", "'input' sizes must be positive integers", "")]
    [InlineData(
        "\"input\": [2]",
        "\"input\": [1, 2]",
        "'input' must be [n] or [channels, height, width]",
        "found an array of 2 entries")]
    public void Load_Mistake_NamesFileLayerAndExpectedVersusActual(
        string valid,
        string broken,
        string message,
        string detail)
    {
        Assert.Contains(valid, Valid, StringComparison.Ordinal);
        var path = Write(Valid.Replace(valid, broken, StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => CaseFile.Load(path));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BinaryCrossEntropyTargetAboveOne_IsRejected()
    {
        var text = Valid.Replace("\"softmax\"", "\"sigmoid\"", StringComparison.Ordinal)
            .Replace("\"cross-entropy\"", "\"binary-cross-entropy\"", StringComparison.Ordinal)
            .Replace("\"y\": [1, 0]", "\"y\": [1, 2]", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => CaseFile.Load(Write(text)));

        const string expected = "binary-cross-entropy needs targets in [0, 1]";
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotJson_NamesLine()
    {
        var path = Write("{\n  \"network\": ,");

        var error = Assert.Throws<InvalidDataException>(() => CaseFile.Load(path));

        Assert.Contains("not valid JSON at line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DeepNesting_IsRejectedNotOverflowed()
    {
        var text = new string('[', 10_000) + new string(']', 10_000);

        Assert.Throws<InvalidDataException>(() => CaseFile.Load(Write(text)));
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundNamingIt()
    {
        var path = Path.Combine(folder, "absent.json");

        var error = Assert.Throws<FileNotFoundException>(() => CaseFile.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ImageInputIntoDenseLayer_AsksForVector()
    {
        var text = Valid.Replace(
            "\"input\": [2]", "\"input\": [1, 2, 1]", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => CaseFile.Load(Write(text)));

        Assert.Contains(
            "a dense layer needs a vector input [n]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConvolutionWhoseWeightCountOverflows64Bits_IsRejectedByName()
    {
        // 4194304 × 1023 × 65535² ≈ 1.8e19 wrapped to a negative count past the old check.
        var text = """
            {"network": {"input": [1023, 1, 1], "layers": [
              {"type": "conv2d", "filters": 4194304, "kernel": 65535, "padding": 32767,
               "activation": "relu"}], "loss": "squared-error"},
             "parameters": {}, "x": [], "y": []}
            """;

        var error = Assert.Throws<InvalidDataException>(() => CaseFile.Load(Write(text)));

        Assert.Contains(
            "layer 1 (conv2d): K has 4194304 x 1023 x 65535 x 65535 entries; at most "
            + "268,435,456 parameters are supported",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TotalOverLimitWithEveryTensorUnder_IsRejectedWithTheTotal()
    {
        // W1 holds exactly 2^28 entries, the limit; b1, W2 and b2 take the total past it.
        var text = """
            {"input": [16384], "layers": [
              {"type": "dense", "units": 16384, "activation": "relu"},
              {"type": "dense", "units": 10, "activation": "softmax"}],
             "loss": "cross-entropy"}
            """;

        var error = Assert.Throws<InvalidDataException>(
            () => NetworkReader.ReadFile(Write(text)));

        Assert.Contains(
            "the network has 268,615,690 parameters; at most 268,435,456",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyGivenTwice_IsRejectedNotSilentlyPicked()
    {
        var text = Valid.Replace(
            "\"b1\": [0, 0, 0]", "\"b1\": [0, 0, 0], \"b1\": [9, 9, 9]",
            StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => CaseFile.Load(Write(text)));

        Assert.Contains("Duplicate property 'b1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HugeNumberWhereSizeExpected_ClipsItInTheMessage()
    {
        var text = Valid.Replace(
            "\"units\": 3,", "\"units\": " + new string('9', 100_000) + ",",
            StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => CaseFile.Load(Write(text)));

        Assert.Contains("found the number 9999", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, $"{error.Message.Length} characters");
    }

    [Fact]
    public void Read_MisspeltOptionalKey_IsRejectedWithSuggestion()
    {
        var text = """
            {"input": [1, 4, 4], "layers": [
              {"type": "maxpool2d", "size": 2, "strid": 1},
              {"type": "flatten"},
              {"type": "dense", "units": 2, "activation": "softmax"}],
             "loss": "cross-entropy"}
            """;

        var error = Assert.Throws<InvalidDataException>(
            () => NetworkReader.ReadFile(Write(text)));

        Assert.Contains(
            "layer 1 (maxpool2d): unknown key \"strid\"; expected one of type, size, stride "
            + "(did you mean 'stride'?)",
            error.Message,
            StringComparison.Ordinal);
    }

    private string Write(string text)
    {
        var path = Path.Combine(folder, $"case-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }
}
