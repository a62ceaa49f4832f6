using Backprop.Tests.Data;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.Cli;

/// <summary>The files the usage-error table refers to, made once per test class.</summary>
/// <remarks>
/// <c>{dir}</c> in a row stands for <see cref="Root"/> and <c>{empty}</c> for an empty
/// argument. The folder holds a CSV data set of 40 training rows, an IDX folder of 3×5
/// images, a case file, a model file, an IDX image file, a finished two-epoch run to resume
/// and a folder named like a PNG.
/// </remarks>
public sealed class UsageFixture : IDisposable
{
    private readonly TempFolder temp = new();

    public UsageFixture()
    {
        CliProcess.WriteCsv(Path.Combine(Root, "train.csv"), 40, seed: 1);
        CliProcess.WriteCsv(Path.Combine(Root, "test.csv"), 10, seed: 2);
        TestImages.WriteIdxFolder(temp, "idx", 3, 5);
        File.Copy(
            TestCases.PathOf("02-two-layer-relu-softmax-ce.json"),
            Path.Combine(Root, "case.json"));
        File.Copy(
            Path.Combine(AppContext.BaseDirectory, "Data", "ok-images-idx3-ubyte"),
            Path.Combine(Root, "images-idx3-ubyte"));
        TestModels.Write(
            Path.Combine(Root, "model.safetensors"), TestModels.LogisticRegression(784, 10));
        Directory.CreateDirectory(Path.Combine(Root, "folder.png"));
        var run = CliRunner.Run(
            "train", "--data", Path.Combine(Root, "train.csv"), "--model", "logistic-regression",
            "--epochs", "2", "--batch-size", "8", "--out", Path.Combine(Root, "run"), "--quiet");
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>Gets the folder holding the files.</summary>
    public string Root => temp.Root;

    /// <summary>Turns a row's command line into arguments.</summary>
    /// <param name="line">Arguments separated by single spaces, with placeholders.</param>
    /// <returns>The arguments.</returns>
    public string[] Arguments(string line) => line.Length == 0
        ? []
        : [.. line.Split(' ').Select(a => a == "{empty}" ? "" : a.Replace("{dir}", Root))];

    /// <summary>Lists every file and folder under the root with its size and write time.
    /// </summary>
    /// <returns>One line per entry, sorted.</returns>
    public List<string> Snapshot() =>
    [
        .. Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories)
            .Select(path => new FileInfo(path))
            .Select(f => $"{f.FullName} {(f.Exists ? f.Length : -1)} {f.LastWriteTimeUtc.Ticks}")
            .Order(StringComparer.Ordinal),
    ];

    public void Dispose() => temp.Dispose();
}
