using Backprop.Tests.Data;
using SkiaSharp;

namespace Backprop.Tests.Cli;

public sealed class DataInspectCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static string Case(string name) =>
        Path.Combine(AppContext.BaseDirectory, "Data", name);

    [Fact]
    public void Inspect_OkImages_PrintsThreeImagesOfThreeByFive()
    {
        var result = CliRunner.Run("data", "inspect", Case("ok-images-idx3-ubyte"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("images (IDX, unsigned bytes, 3 dimensions)", result.Out);
        Assert.Contains("3 images of 3 x 5 pixels (rows x columns)", result.Out);
        Assert.Contains("raw, 61 bytes", result.Out);
        Assert.Equal("", result.Err);
    }

    [Fact]
    public void Inspect_OkLabels_PrintsLabels721AndTheCountPerClass()
    {
        var result = CliRunner.Run("data", "inspect", Case("ok-labels-idx1-ubyte"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("3 labels", result.Out);
        Assert.Contains("first       7 2 1\n", result.Out);
        Assert.Contains("0: 0  1: 1  2: 1  3: 0  4: 0  5: 0  6: 0  7: 1  8: 0  9: 0", result.Out);
    }

    [Fact]
    public void Inspect_ImagesAndLabels_DescribesBoth()
    {
        var result = CliRunner.Run(
            "data", "inspect", Case("ok-images-idx3-ubyte"), Case("ok-labels-idx1-ubyte"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("3 images of 3 x 5", result.Out);
        Assert.Contains("7 2 1", result.Out);
    }

    [Fact]
    public void Inspect_GzipFile_SaysGzipAndTheUncompressedLength()
    {
        var gzip = temp.Write(
            "images.gz", IdxBytes.Gzip(File.ReadAllBytes(Case("ok-images-idx3-ubyte"))));

        var result = CliRunner.Run("data", "inspect", gzip);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("gzip, ", result.Out);
        Assert.Contains("(61 uncompressed)", result.Out);
    }

    [Theory]
    [InlineData("truncated-images-idx3-ubyte", "truncated: 45 pixel bytes expected, 37 found")]
    [InlineData("little-endian-header-labels-idx1-ubyte", "bad magic")]
    public void Inspect_MalformedFile_ExitsWithOneLineNamingTheFile(string name, string problem)
    {
        var result = CliRunner.Run("data", "inspect", Case(name));

        CliRunner.AssertDataError(result, Case(name), problem);
    }

    [Theory]
    [InlineData("truncated-images-idx3-ubyte", "ok-labels-idx1-ubyte")]
    [InlineData("ok-images-idx3-ubyte", "little-endian-header-labels-idx1-ubyte")]
    public void Inspect_MalformedFileWithPng_WritesNoFile(string images, string labels)
    {
        var png = Path.Combine(temp.Root, "out.png");

        var result = CliRunner.Run(
            "data", "inspect", Case(images), Case(labels), "--png", "0", png);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Single(result.ErrLines);
        Assert.Empty(Directory.GetFiles(temp.Root));
    }

    [Fact]
    public void Inspect_CountsDisagree_ExitsWithDataErrorNamingBoth()
    {
        var labels = temp.Write("labels", IdxBytes.Labels(1, 2));

        var result = CliRunner.Run("data", "inspect", Case("ok-images-idx3-ubyte"), labels);

        CliRunner.AssertDataError(result, labels, "2 labels, but");
    }

    [Fact]
    public void Inspect_MissingFile_ExitsWithDataError()
    {
        var missing = Path.Combine(temp.Root, "nothing-idx3-ubyte");

        var result = CliRunner.Run("data", "inspect", missing);

        CliRunner.AssertDataError(result, missing, "no such file");
    }

    [Fact]
    public void Inspect_Png_WritesTheImageEnlargedEightTimes()
    {
        var png = Path.Combine(temp.Root, "image1.png");

        var result = CliRunner.Run(
            "data", "inspect", Case("ok-images-idx3-ubyte"), "--png", "1", png);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("wrote ", result.Out);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal((40, 24), TestImages.PngSize(bytes));
        using var bitmap = SKBitmap.Decode(bytes);

        // Pixel (image 1, row 2, column 3) is 33 (see Data/README.md); the block is 8 x 8.
        Assert.Equal(33, bitmap.GetPixel((3 * 8) + 7, (2 * 8) + 7).Red);
        Assert.Equal(33, bitmap.GetPixel(3 * 8, 2 * 8).Red);
        Assert.Equal(["image1.png"], Directory.GetFiles(temp.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void Inspect_PngScale_SetsTheBlockSize()
    {
        var png = Path.Combine(temp.Root, "image0.png");

        var result = CliRunner.Run(
            "data", "inspect", Case("ok-images-idx3-ubyte"), "--png", "0", png, "--scale", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal((15, 9), TestImages.PngSize(File.ReadAllBytes(png)));
    }

    [Fact]
    public void Inspect_PngIndexOutOfRange_ExitsWithUsageErrorAndWritesNoFile()
    {
        var png = Path.Combine(temp.Root, "out.png");

        var result = CliRunner.Run(
            "data", "inspect", Case("ok-images-idx3-ubyte"), "--png", "3", png);

        CliRunner.AssertUsageError(result, "it holds 3 (0..2)");
        Assert.False(File.Exists(png));
    }

    [Fact]
    public void Inspect_PngOfLabelFile_ExitsWithUsageError()
    {
        var png = Path.Combine(temp.Root, "out.png");

        var result = CliRunner.Run(
            "data", "inspect", Case("ok-labels-idx1-ubyte"), "--png", "0", png);

        CliRunner.AssertUsageError(result, "--png needs an image file");
        Assert.False(File.Exists(png));
    }

    [Theory]
    [InlineData("data")]
    [InlineData("data", "inspect")]
    [InlineData("data", "inspect", "a", "b", "c")]
    [InlineData("data", "inspect", "a", "--png", "0")]
    [InlineData("data", "inspect", "a", "--png", "x", "out.png")]
    [InlineData("data", "inspect", "a", "--scale", "0")]
    public void Inspect_BadFlags_ExitsWithUsageError(params string[] args)
    {
        var result = CliRunner.Run(args);

        CliRunner.AssertUsageError(result, "");
    }
}
