using System.Text.Json;
using Backprop.Networks;

namespace Backprop.Tests.Networks;

public sealed class ConvNetworkReaderTests
{
    private const string Network = """
        {
          "input": [2, 7, 6],
          "layers": [
            {"type": "conv2d", "filters": 3, "kernel": [3, 2], "stride": [2, 1],
             "padding": [1, 0], "activation": "relu"},
            {"type": "maxpool2d", "size": [2, 2], "stride": [1, 2]},
            {"type": "flatten"},
            {"type": "dense", "units": 2, "activation": "softmax"}
          ],
          "loss": "cross-entropy"
        }
        """;

    [Fact]
    public void Read_ConvNetwork_InfersEveryShape()
    {
        var network = Read(Network);

        Assert.Equal([3, 4, 5], network.LayerOutputShape(0));
        Assert.Equal([3, 3, 2], network.LayerOutputShape(1));
        Assert.Equal([18], network.LayerOutputShape(2));
        Assert.Equal(2, network.OutputSize);
    }

    [Fact]
    public void Read_ConvNetwork_NamesParametersByLayersWithParameters()
    {
        var network = Read(Network);

        Assert.Equal(
            ["K1", "b1", "W2", "b2"], network.Parameters.Select(p => p.Name).ToArray());
        Assert.Equal([3, 2, 3, 2], network.Parameters[0].Shape);
        Assert.Equal([18, 2], network.Parameters[2].Shape);
        Assert.Equal(36 + 3 + 36 + 2, network.ParameterCount);
    }

    [Fact]
    public void Read_ConvNetwork_RoundTripsThroughJson()
    {
        var network = Read(Network);

        var again = Read(network.ToJsonText());

        Assert.Equal(network.ToJsonText(), again.ToJsonText());
    }

    [Fact]
    public void Read_KernelLargerThanPaddedInput_NamesLayerAndSizes()
    {
        var text = Network.Replace(
            "\"kernel\": [3, 2]", "\"kernel\": [3, 7]", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => Read(text));

        Assert.Contains("layer 1 (conv2d)", error.Message, StringComparison.Ordinal);
        Assert.Contains("3×7 kernel is larger than the padded input 9×6", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DenseAfterImageWithoutFlatten_SuggestsFlatten()
    {
        var text = Network.Replace(
            "{\"type\": \"flatten\"},", "", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => Read(text));

        Assert.Contains("layer 3 (dense)", error.Message, StringComparison.Ordinal);
        Assert.Contains("[3, 3, 2] is an image", error.Message, StringComparison.Ordinal);
        Assert.Contains("flatten", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PoolWindowLargerThanInput_NamesLayerAndSizes()
    {
        var text = Network.Replace(
            "\"size\": [2, 2]", "\"size\": [5, 2]", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => Read(text));

        Assert.Contains("layer 2 (maxpool2d)", error.Message, StringComparison.Ordinal);
        Assert.Contains("5×2 window is larger than the input 4×5", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ConvOnVectorInput_AsksForImage()
    {
        var text = Network.Replace(
            "[2, 7, 6]", "[84]", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => Read(text));

        Assert.Contains("layer 1 (conv2d)", error.Message, StringComparison.Ordinal);
        Assert.Contains("[channels, height, width]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZeroStride_IsRejected()
    {
        var text = Network.Replace(
            "\"stride\": [2, 1]", "\"stride\": [0, 1]", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => Read(text));

        Assert.Contains("layer 1 (conv2d): 'stride'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KernelOfWrongShape_NamesParameterAndExpectedShape()
    {
        var path = TestSupport.TestCases.PathOf("14-conv-multi-channel-filter.json");
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        var K = root["parameters"]!["K1"]!.AsArray();
        K.RemoveAt(1);
        var copy = Path.Combine(Path.GetTempPath(), $"case-{Guid.NewGuid():N}.json");
        File.WriteAllText(copy, root.ToJsonString());
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => CaseFile.Load(copy));

            Assert.Contains("parameters.K1 (layer 1): expected shape [2, 3, 3, 3]",
                error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static NetworkDescription Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        return NetworkReader.Read(document.RootElement, "net.json");
    }
}
