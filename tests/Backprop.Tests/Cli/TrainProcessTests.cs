using System.Diagnostics;
using Backprop.Serialization;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.Cli;

/// <summary>Training as a child process: kills, interrupts and resumes.</summary>
public sealed class TrainProcessTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("backprop-cli-").FullName;

    public TrainProcessTests()
    {
        CliProcess.WriteCsv(Path.Combine(folder, "train.csv"), 600, seed: 1);
        CliProcess.WriteCsv(Path.Combine(folder, "test.csv"), 100, seed: 2);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Train_OnCsv_WritesModelMetricsAndPlot_AndEvalFilesAgree()
    {
        var (code, output, error) = CliProcess.Run(folder, Args("run", epochs: 3));

        Assert.True(code == 0, error);
        Assert.Contains("test accuracy", output, StringComparison.Ordinal);
        string[] files =
            ["model.safetensors", "checkpoint.safetensors", "metrics.csv", "curves.png"];
        foreach (var file in files)
        {
            Assert.True(File.Exists(Path.Combine(folder, "run", file)), file);
        }

        Assert.Equal(4, File.ReadAllLines(Path.Combine(folder, "run", "metrics.csv")).Length);
    }

    [Fact]
    public void KillDuringTraining_LeavesTheCheckpointReadable_AndResumeMatchesUninterrupted()
    {
        var reference = CliProcess.Run(folder, Args("reference", epochs: 12));
        Assert.True(reference.ExitCode == 0, reference.Error);
        var expected = ModelFile.Load(Path.Combine(folder, "reference", "model.safetensors")).Theta;

        // Kill the writer at several moments; each time the checkpoint must stay loadable.
        var checkpoint = Path.Combine(folder, "killed", "checkpoint.safetensors");
        var rng = new Random(5);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var process = CliProcess.Start(folder, Args("killed", epochs: 12));
            var clock = Stopwatch.StartNew();
            while (!File.Exists(checkpoint) && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(5);
            }

            Thread.Sleep(rng.Next(0, 120));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();

            var loaded = Checkpoint.Load(checkpoint);
            Assert.InRange(loaded.Epoch, 1, 13);
            if (attempt < 3)
            {
                Directory.Delete(Path.Combine(folder, "killed"), recursive: true);
            }
        }

        var resumed = CliProcess.Run(folder, "train", "--resume", "killed", "--quiet");

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var actual = ModelFile.Load(Path.Combine(folder, "killed", "model.safetensors")).Theta;
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(16)] // one shard per batch
    [InlineData(64)] // two shards per batch
    public void Interrupt_WritesCheckpointAndExits130_ThenResumeFinishes(int batch)
    {
        var reference = CliProcess.Run(folder, Args("reference", epochs: 8, batch));
        Assert.True(reference.ExitCode == 0, reference.Error);
        using var process = CliProcess.Start(folder, Args("stopped", epochs: 8, batch));
        var checkpoint = Path.Combine(folder, "stopped", "checkpoint.safetensors");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(checkpoint) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(5);
        }

        var id = process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var signal = Process.Start("kill", ["-INT", id]))
        {
            signal.WaitForExit();
        }

        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        if (process.ExitCode == 0)
        {
            // Training finished before the signal arrived; nothing to resume.
            return;
        }

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("backprop train --resume", error, StringComparison.Ordinal);
        var resumed = CliProcess.Run(folder, "train", "--resume", "stopped", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(
            ModelFile.Load(Path.Combine(folder, "reference", "model.safetensors")).Theta,
            ModelFile.Load(Path.Combine(folder, "stopped", "model.safetensors")).Theta);
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs must be at least 1")]
    [InlineData("--batch-size", "0", "--batch-size must be at least 1")]
    [InlineData("--batch-size", "100000", "larger than the training set")]
    [InlineData("--lr", "NaN", "--lr must be a finite number above 0")]
    [InlineData("--optimizer", "sdg", "sdg")]
    [InlineData("--model", "lenet-300", "did you mean 'lenet-300-100'")]
    public void Train_BadOption_IsUsageErrorWithOneLine(string option, string value, string message)
    {
        var (code, output, error) = CliProcess.Run(
            folder, "train", "--data", "train.csv", "--out", "bad", option, value);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "bad")));
    }

    [Fact]
    public void Train_TruncatedIdxData_ExitsOneNamingTheFile_AndWritesNothing()
    {
        var data = Path.Combine(folder, "idx");
        Directory.CreateDirectory(data);
        var source = Path.Combine(AppContext.BaseDirectory, "Data");
        void Copy(string from, string to) =>
            File.Copy(Path.Combine(source, from), Path.Combine(data, to));
        Copy("truncated-images-idx3-ubyte", "train-images-idx3-ubyte");
        Copy("ok-labels-idx1-ubyte", "train-labels-idx1-ubyte");
        Copy("ok-images-idx3-ubyte", "t10k-images-idx3-ubyte");
        Copy("ok-labels-idx1-ubyte", "t10k-labels-idx1-ubyte");

        var (code, output, error) =
            CliProcess.Run(folder, "train", "--data", "idx", "--out", "none");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("train-images-idx3-ubyte: truncated", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(folder, "none")));
    }

    private static string[] Args(string output, int epochs, int batch = 16) =>
    [
        "train", "--data", "train.csv", "--model", "lenet-300-100", "--epochs",
        epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--batch-size",
        batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--lr", "0.05", "--out", output, "--threads", "1",
    ];
}
