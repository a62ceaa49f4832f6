using System.Globalization;
using Backprop.Cli;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.Cli;

/// <summary>Files that cannot be opened or written: one line naming the path and the reason.
/// </summary>
public sealed class FileErrorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("backprop-files-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Grad_DanglingSymlink_SaysBrokenLink()
    {
        var link = Path.Combine(folder, "case.json");
        File.CreateSymbolicLink(link, Path.Combine(folder, "gone.json"));

        var result = CliRunner.Run("grad", link);

        CliRunner.AssertDataError(result, "case.json", "no such file (a broken symbolic link");
    }

    [Fact]
    public void Grad_SymlinkLoop_SaysLoop()
    {
        var a = Path.Combine(folder, "a.json");
        var b = Path.Combine(folder, "b.json");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        var result = CliRunner.Run("grad", a);

        CliRunner.AssertDataError(result, "a.json", "too many levels of symbolic links");
    }

    [Fact]
    public void Grad_ParentIsAFile_SaysSo()
    {
        var file = Path.Combine(folder, "afile");
        File.WriteAllText(file, "x");

        var result = CliRunner.Run("grad", Path.Combine(file, "case.json"));

        CliRunner.AssertDataError(result, "afile", "is a file, not a folder");
    }

    [Fact]
    public void Train_OutUnderAFile_NamesTheFileNotThePart()
    {
        var file = Path.Combine(folder, "afile");
        File.WriteAllText(file, "x");
        var data = Path.Combine(folder, "train.csv");
        CliProcess.WriteCsv(data, 8, seed: 1);
        CliProcess.WriteCsv(Path.Combine(folder, "test.csv"), 8, seed: 2);

        var result = CliRunner.Run(
            "train", "--data", data, "--model", "logistic-regression", "--batch-size", "4",
            "--epochs", "1", "--out", Path.Combine(file, "sub"));

        Assert.True(result.ExitCode is 1 or 2, result.ToString());
        var line = Assert.Single(result.ErrLines);
        Assert.Contains("afile is a file, not a folder", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not find", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_PlotNotWritable_NamesTargetNotTemporaryFile()
    {
        var plot = Path.Combine(folder, new string('p', 240) + ".png");

        var result = CliRunner.Run(
            "explain", TestCases.PathOf("02-two-layer-relu-softmax-ce.json"), "--plot", plot);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.Contains("cannot be written", line, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", line, StringComparison.Ordinal);
        Assert.True(line.Length < 160, line);
    }

    [Fact]
    public void Plain_RuntimeAccessDenied_BecomesPathPermissionDenied()
    {
        var e = new UnauthorizedAccessException("Access to the path '/data/x.csv' is denied.");

        Assert.Equal("/data/x.csv: permission denied", CommandRunner.Plain(e));
    }

    [Fact]
    public void Guard_OutOfMemory_IsOneResourceLine()
    {
        using var error = new StringWriter(CultureInfo.InvariantCulture);

#pragma warning disable CA2201 // the runtime throws it; the test stands in for the runtime
        var code = CommandRunner.Guard(error, () => throw new OutOfMemoryException());
#pragma warning restore CA2201

        Assert.Equal(1, code);
        var line = Assert.Single(
            error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: out of memory", line, StringComparison.Ordinal);
        Assert.Contains("--engine fast", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_DivergedTraining_IsOneDataLine()
    {
        // bench trains without train's own handling of a diverged run.
        using var error = new StringWriter(CultureInfo.InvariantCulture);

        var code = CommandRunner.Guard(
            error, () => throw new Backprop.Training.TrainingDivergedException(1, 12, double.NaN));

        Assert.Equal(1, code);
        var line = Assert.Single(
            error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(
            "error: the loss became NaN in epoch 1, batch 12", line, StringComparison.Ordinal);
    }
}
