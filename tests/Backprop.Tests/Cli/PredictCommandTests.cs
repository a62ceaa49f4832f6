using System.Text.Json;
using Backprop.Tests.Data;
using Backprop.Training;
using SkiaSharp;

namespace Backprop.Tests.Cli;

public sealed class PredictCommandTests : IDisposable
{
    private const int Side = 28;
    private const int Count = 4;

    private readonly TempFolder temp = new();
    private readonly byte[] pixels = TestImages.RandomPixels(Count, Side, Side, seed: 3);
    private readonly byte[] labels = [3, 1, 4, 1];
    private readonly string model;
    private readonly string images;

    public PredictCommandTests()
    {
        model = TestModels.Write(
            Path.Combine(temp.Root, "model.safetensors"), TestModels.LogisticRegression(784, 10));
        images = temp.Write(
            "test-images-idx3-ubyte", TestImages.ImageFile(pixels, Count, Side, Side));
        temp.Write("test-labels-idx1-ubyte", IdxBytes.Labels(labels));
    }

    public void Dispose() => temp.Dispose();

    private byte[] Image(int n) => pixels[(n * Side * Side)..((n + 1) * Side * Side)];

    private static JsonElement[] Json(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return [.. JsonDocument.Parse(result.Out).RootElement.EnumerateArray()];
    }

    private static float[] Probabilities(JsonElement item) =>
        [.. item.GetProperty("probabilities").EnumerateArray().Select(e => e.GetSingle())];

    private void AssertPredictsImage(JsonElement item, byte[] image)
    {
        var yHat = TestModels.Predict(model, image);
        Assert.Equal(yHat, Probabilities(item));
        Assert.Equal(Trainer.PredictedClass(yHat), item.GetProperty("predicted").GetInt32());
    }

    [Fact]
    public void Predict_IdxIndices_GivesEachChosenImagesProbabilities()
    {
        var items = Json(CliRunner.Run(
            "predict", "--model", model, "--input", images, "--index", "2,0", "--json"));

        Assert.Equal(2, items.Length);
        AssertPredictsImage(items[0], Image(2));
        AssertPredictsImage(items[1], Image(0));
        Assert.Equal(2, items[0].GetProperty("index").GetInt32());
    }

    [Fact]
    public void Predict_IdxWithLabelFileBeside_ReportsTheLabel()
    {
        var items = Json(CliRunner.Run(
            "predict", "--model", model, "--input", images, "--index", "2", "--json"));

        Assert.Equal(4, items[0].GetProperty("label").GetInt32());
    }

    [Fact]
    public void Predict_IndexRange_ChoosesEveryImageInIt()
    {
        var items = Json(CliRunner.Run(
            "predict", "--model", model, "--input", images, "--index", "1-3", "--json"));

        Assert.Equal([1, 2, 3], items.Select(i => i.GetProperty("index").GetInt32()));
    }

    [Fact]
    public void Predict_Text_PrintsOneLinePerInputWithTheTopThree()
    {
        var result = CliRunner.Run(
            "predict", "--model", model, "--input", images, "--index", "0,1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{images}[0]: ", lines[0]);
        Assert.Contains("top 3: ", lines[0]);
        Assert.Equal(2, lines[0].Split(" | ").Length - 1);
    }

    [Fact]
    public void Predict_All_ListsEveryClass()
    {
        var result = CliRunner.Run(
            "predict", "--model", model, "--input", images, "--index", "0", "--all");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(9, result.Out.Split(" | ").Length - 1);
    }

    [Fact]
    public void Predict_CsvRow_UsesThatDataRowAfterTheHeader()
    {
        var header = "label," + string.Join(",", Enumerable.Range(1, 784).Select(i => $"p{i}"));
        var rows = Enumerable.Range(0, Count)
            .Select(n => $"{labels[n]}," + string.Join(",", Image(n)));
        var csv = temp.WriteText("digits.csv", header + "\n" + string.Join("\n", rows) + "\n");

        var items = Json(CliRunner.Run(
            "predict", "--model", model, "--input", csv, "--row", "1", "--json"));

        AssertPredictsImage(Assert.Single(items), Image(1));
        Assert.Equal(1, items[0].GetProperty("label").GetInt32());
    }

    [Fact]
    public void Predict_BinaryPgm_GivesTheSameAsTheIdxImage()
    {
        var pgm = temp.Write("digit.pgm", TestImages.Pgm(Image(3), Side, Side));

        var items = Json(CliRunner.Run("predict", "--model", model, "--input", pgm, "--json"));

        AssertPredictsImage(Assert.Single(items), Image(3));
        Assert.False(items[0].TryGetProperty("index", out _));
    }

    [Fact]
    public void Predict_PlainPgm_GivesTheSameAsTheIdxImage()
    {
        var text = $"P2\n{Side} {Side}\n255\n" + string.Join(" ", Image(1)) + "\n";
        var pgm = temp.WriteText("digit-plain.pgm", text);

        var items = Json(CliRunner.Run("predict", "--model", model, "--input", pgm, "--json"));

        AssertPredictsImage(Assert.Single(items), Image(1));
    }

    [Fact]
    public void Predict_PngEnlargedTwice_IsShrunkBackByAreaAveraging()
    {
        var png = temp.Write("digit.png", Png(Image(2), Side, Side, scale: 2));

        var result = CliRunner.Run("predict", "--model", model, "--input", png, "--json");

        AssertPredictsImage(Assert.Single(Json(result)), Image(2));
        Assert.Contains("resized from 56 x 56 to 28 x 28", result.Err);
    }

    [Fact]
    public void Predict_PngTransparentBackground_ReadsAsWhite()
    {
        using var bitmap = new SKBitmap(
            new SKImageInfo(Side, Side, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(SKColors.Transparent);
        var png = temp.Write("clear.png", Encode(bitmap));

        var items = Json(CliRunner.Run(
            "predict", "--model", model, "--input", png, "--invert", "--json"));

        AssertPredictsImage(Assert.Single(items), new byte[Side * Side]);
    }

    [Fact]
    public void Predict_Invert_FlipsEveryPixel()
    {
        var light = Image(0).Select(p => (byte)(255 - p)).ToArray();
        var pgm = temp.Write("light.pgm", TestImages.Pgm(light, Side, Side));

        var items = Json(CliRunner.Run(
            "predict", "--model", model, "--input", pgm, "--invert", "--json"));

        AssertPredictsImage(Assert.Single(items), Image(0));
    }

    [Fact]
    public void Predict_SeveralInputs_KeepTheirOrder()
    {
        var pgm = temp.Write("digit.pgm", TestImages.Pgm(Image(3), Side, Side));

        var items = Json(CliRunner.Run(
            "predict", "--model", model, "--input", pgm, images, "--index", "1", "--json"));

        Assert.Equal([pgm, images], items.Select(i => i.GetProperty("input").GetString()));
        AssertPredictsImage(items[0], Image(3));
        AssertPredictsImage(items[1], Image(1));
    }

    [Fact]
    public void Predict_FashionModel_NamesThePredictedClass()
    {
        var fashion = TestModels.Write(
            Path.Combine(temp.Root, "fashion.safetensors"),
            TestModels.LogisticRegression(784, 10),
            data: "fashion-mnist");

        var items = Json(CliRunner.Run(
            "predict", "--model", fashion, "--input", images, "--index", "0", "--json"));

        var predicted = items[0].GetProperty("predicted").GetInt32();
        Assert.Equal(
            Backprop.Cli.ClassNames.FashionMnist[predicted],
            items[0].GetProperty("predicted_name").GetString());
    }

    [Fact]
    public void Predict_IdxOfAnotherSize_ExitsWithDataError()
    {
        var small = Path.Combine(AppContext.BaseDirectory, "Data", "ok-images-idx3-ubyte");

        var result = CliRunner.Run("predict", "--model", model, "--input", small, "--index", "0");

        CliRunner.AssertDataError(result, small, "takes 784 inputs");
    }

    [Theory]
    [InlineData("truncated-images-idx3-ubyte", "truncated: 45 pixel bytes expected, 37 found")]
    [InlineData("little-endian-header-labels-idx1-ubyte", "bad magic")]
    public void Predict_MalformedIdx_ExitsWithDataErrorNamingTheFile(string name, string problem)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", name);

        var result = CliRunner.Run("predict", "--model", model, "--input", path, "--index", "0");

        CliRunner.AssertDataError(result, path, problem);
    }

    [Fact]
    public void Predict_TruncatedPgm_ExitsWithDataError()
    {
        var pgm = temp.Write("cut.pgm", TestImages.Pgm(Image(0), Side, Side)[..100]);

        var result = CliRunner.Run("predict", "--model", model, "--input", pgm);

        CliRunner.AssertDataError(result, pgm, "truncated");
    }

    [Fact]
    public void Predict_TruncatedPng_ExitsWithDataError()
    {
        var bytes = Png(Image(0), Side, Side, scale: 1);
        var png = temp.Write("cut.png", bytes[..(bytes.Length / 2)]);

        var result = CliRunner.Run("predict", "--model", model, "--input", png);

        CliRunner.AssertDataError(result, png, "cut.png");
    }

    [Fact]
    public void Predict_ColourPpm_IsNotSupported()
    {
        var ppm = temp.WriteText("colour.ppm", "P3\n1 1\n255\n0 0 0\n");

        var result = CliRunner.Run("predict", "--model", model, "--input", ppm);

        CliRunner.AssertDataError(result, ppm, "only grey-scale PGM");
    }

    [Fact]
    public void Predict_BadModelFile_ExitsWithDataError()
    {
        var bad = temp.WriteText("bad.safetensors", "not a model");

        var result = CliRunner.Run("predict", "--model", bad, "--input", images, "--index", "0");

        CliRunner.AssertDataError(result, bad, "");
    }

    [Fact]
    public void Predict_IndexOutOfRange_ExitsWithUsageError()
    {
        var result = CliRunner.Run("predict", "--model", model, "--input", images, "--index", "4");

        CliRunner.AssertUsageError(result, "holds 4 images (0..3)");
    }

    [Fact]
    public void Predict_SeveralItemsWithoutIndex_ExitsWithUsageError()
    {
        var result = CliRunner.Run("predict", "--model", model, "--input", images);

        CliRunner.AssertUsageError(result, "choose with --index");
    }

    [Theory]
    [InlineData("x")]
    [InlineData("1,,2")]
    [InlineData("3-1")]
    [InlineData("-1")]
    public void Predict_MalformedIndexList_ExitsWithUsageError(string index)
    {
        var result = CliRunner.Run(
            "predict", "--model", model, "--input", images, "--index", index);

        CliRunner.AssertUsageError(result, "--index");
    }

    [Fact]
    public void Predict_NoInput_ExitsWithUsageError()
    {
        var result = CliRunner.Run("predict", "--model", model);

        CliRunner.AssertUsageError(result, "--input");
    }

    private static byte[] Png(byte[] gray, int width, int height, int scale)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(
            width * scale, height * scale, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < height * scale; y++)
        {
            for (var x = 0; x < width * scale; x++)
            {
                var v = gray[((y / scale) * width) + (x / scale)];
                bitmap.SetPixel(x, y, new SKColor(v, v, v));
            }
        }

        return Encode(bitmap);
    }

    private static byte[] Encode(SKBitmap bitmap)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
