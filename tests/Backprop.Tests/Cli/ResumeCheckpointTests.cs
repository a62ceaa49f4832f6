using Backprop.Serialization;
using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

/// <summary>A checkpoint whose position and partial sums disagree is refused on resume.
/// </summary>
public sealed class ResumeCheckpointTests : IDisposable
{
    private readonly TempFolder temp = new();

    private readonly string run;

    public ResumeCheckpointTests()
    {
        // 40 training images in batches of 10: a checkpoint after batch 1 has seen 10.
        var data = TestImages.WriteIdxFolder(temp, "idx", 3, 5);
        run = Path.Combine(temp.Root, "run");
        var trained = CliRunner.Run(
            "train", "--data", data, "--model", "logistic-regression", "--epochs", "2",
            "--batch-size", "10", "--optimizer", "momentum", "--out", run, "--quiet");
        Assert.True(trained.ExitCode == 0, trained.ToString());
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Resume_PositionAndSumsThatFit_Continues()
    {
        var path = Rewrite(("batch", "1"), ("partial_seen", "10"), ("partial_correct", "3"));

        var result = CliRunner.Run("train", "--resume", run, "--epochs", "3", "--quiet");

        Assert.True(result.ExitCode == 0, $"{path}\n{result}");
    }

    [Fact]
    public void Resume_SeenNotMatchingFinishedBatches_IsRefused()
    {
        var path = Rewrite(("batch", "1"), ("partial_seen", "25"), ("partial_correct", "3"));

        var result = CliRunner.Run("train", "--resume", run, "--epochs", "3", "--quiet");

        CliRunner.AssertDataError(
            result, path, "25 samples seen, but 1 finished batches of 10 hold 10");
    }

    [Fact]
    public void Resume_MoreCorrectThanSeen_IsRefused()
    {
        var path = Rewrite(("batch", "1"), ("partial_seen", "10"), ("partial_correct", "11"));

        var result = CliRunner.Run("train", "--resume", run, "--epochs", "3", "--quiet");

        CliRunner.AssertDataError(
            result, path, "metadata 'partial_correct' 11 is more than 'partial_seen' 10");
    }

    [Fact]
    public void Train_FreshRunOverAnUnfinishedRun_IsAUsageError()
    {
        Rewrite(("epoch", "2"));

        var result = FreshRun();

        CliRunner.AssertUsageError(
            result, $"{run} holds an unfinished run (epoch 2 of 2); continue it with --resume");
    }

    [Fact]
    public void Train_FreshRunOverAFinishedRun_Overwrites()
    {
        var result = FreshRun();

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Train_NewCheckpoint_StoresTheDataAsAFullPath()
    {
        var content = SafetensorsFile.Read(Path.Combine(run, "checkpoint.safetensors"));

        Assert.True(Path.IsPathFullyQualified(content.Metadata["data"]));
    }

    [Fact]
    public void Resume_OldRelativeDataPath_IsFoundBesideTheRunFolder()
    {
        Rewrite(("data", "idx"));

        var result = CliRunner.Run("train", "--resume", run, "--epochs", "3", "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Resume_RelativeDataPathFoundNowhere_IsADataErrorSayingWhereItLooked()
    {
        var path = Rewrite(("data", "gone"));

        var result = CliRunner.Run("train", "--resume", run, "--epochs", "3", "--quiet");

        CliRunner.AssertDataError(
            result,
            path,
            $"looked for {Path.GetFullPath("gone")} and {Path.Combine(temp.Root, "gone")}");
    }

    private CliResult FreshRun() => CliRunner.Run(
        "train", "--data", Path.Combine(temp.Root, "idx"), "--model", "logistic-regression",
        "--epochs", "2", "--batch-size", "10", "--optimizer", "momentum", "--out", run,
        "--quiet");

    private string Rewrite(params (string Key, string Value)[] changes)
    {
        var path = Path.Combine(run, "checkpoint.safetensors");
        var content = SafetensorsFile.Read(path);
        var metadata = content.Metadata.ToDictionary();
        foreach (var (key, value) in changes)
        {
            metadata[key] = value;
        }

        SafetensorsFile.Write(path, content.Tensors, metadata);
        return path;
    }
}
