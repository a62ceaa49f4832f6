using System.Diagnostics;
using Backprop.Serialization;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.Cli;

/// <summary>A training process killed (SIGKILL) while it writes its checkpoint or its model.
/// </summary>
/// <remarks>
/// The kill is timed by the temporary file the atomic write creates (<c>.NAME.tmp-…</c>):
/// the test waits until it appears and kills at once. A temporary file left behind after
/// the kill proves the process died before its rename, in the middle of the write (the
/// resumed run removes it). The network is wide (784 → 2000 → 10, 1.6 million parameters)
/// so that each write, with its flush to disk, lasts long enough to be caught.
/// </remarks>
public sealed class KillDuringWriteTests : IDisposable
{
    private const int Attempts = 8;

    private readonly string folder = Directory.CreateTempSubdirectory("backprop-kill-").FullName;

    public KillDuringWriteTests()
    {
        CliProcess.WriteCsv(Path.Combine(folder, "train.csv"), 96, seed: 1);
        CliProcess.WriteCsv(Path.Combine(folder, "test.csv"), 16, seed: 2);
        File.WriteAllText(Path.Combine(folder, "wide.json"), """
            {"input": [784], "layers": [
              {"type": "dense", "units": 2000, "activation": "relu"},
              {"type": "dense", "units": 10, "activation": "softmax"}],
             "loss": "cross-entropy"}
            """);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void KillDuringCheckpointWrite_KeepsThePreviousOne_AndResumeMatchesUninterrupted()
    {
        var reference = CliProcess.Run(folder, Args("reference", epochs: 4));
        Assert.True(reference.ExitCode == 0, reference.Error);
        var expected = Theta("reference");

        // Wait for epoch 1's checkpoint, then kill during the next checkpoint write (epoch 2's,
        // or a later one when the test thread saw that one too late).
        var killed = Path.Combine(folder, "killed");
        var checkpoint = Path.Combine(killed, "checkpoint.safetensors");
        var (caught, log) = KillDuringWrite(
            Args("killed", epochs: 4),
            killed,
            "checkpoint.safetensors",
            () => File.Exists(checkpoint),
            () =>
            {
                if (Directory.Exists(killed))
                {
                    Directory.Delete(killed, recursive: true);
                }
            });

        Assert.True(caught, "no kill landed inside a checkpoint write: " + log);
        Assert.InRange(Checkpoint.Load(checkpoint).Epoch, 2, 4);
        Assert.False(File.Exists(Path.Combine(killed, "model.safetensors")));
        var resumed = CliProcess.Run(folder, "train", "--resume", "killed", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(expected, Theta("killed"));
        Assert.Empty(Temporaries(killed, ".*.tmp*"));
    }

    [Fact]
    public void KillDuringModelWrite_LeavesThePreviousModelIntact()
    {
        var first = CliProcess.Run(folder, Args("run", epochs: 1));
        Assert.True(first.ExitCode == 0, first.Error);
        var model = Path.Combine(folder, "run", "model.safetensors");
        var before = Array.Empty<byte>();

        // Continue the finished run for one more epoch; kill while it writes the new model.
        // A missed kill lets the run finish, so each attempt compares with the model it found.
        var (caught, log) = KillDuringWrite(
            ["train", "--resume", "run", "--epochs", "2", "--quiet"],
            Path.Combine(folder, "run"),
            "model.safetensors",
            () => true,
            () => before = File.ReadAllBytes(model));

        Assert.True(caught, "no kill landed inside a model write: " + log);
        Assert.Equal(before, File.ReadAllBytes(model));
        Assert.Equal(1_590_010, ModelFile.Load(model).Theta.Length);
    }

    // Starts the command until one kill leaves the temporary file behind; true when it did.
    // Each attempt first runs `prepare`, then waits for `ready` and for the temporary file.
    private (bool Caught, string Log) KillDuringWrite(
        string[] args,
        string runFolder,
        string file,
        Func<bool> ready,
        Action prepare)
    {
        var pattern = $".{file}.tmp-*";
        var log = new List<string>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            prepare();
            RemoveTemporaries(runFolder, pattern);
            using var process = CliProcess.Start(folder, args);
            var clock = Stopwatch.StartNew();
            while (!ready() && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(1);
            }

            while (!process.HasExited && !Temporaries(runFolder, pattern).Any())
            {
                Thread.SpinWait(100);
            }

            // SIGKILL at once: the process has no children, and walking a tree takes time.
            var exited = process.HasExited;
            process.Kill();
            process.WaitForExit();
            var left = Temporaries(runFolder, pattern).Any();
            log.Add($"attempt {attempt}: exited {exited} (code {process.ExitCode}), "
                + $"temporary left {left}, {clock.Elapsed.TotalSeconds:F1} s");
            if (left)
            {
                return (true, string.Join("; ", log));
            }
        }

        return (false, string.Join("; ", log));
    }

    private static IEnumerable<string> Temporaries(string runFolder, string pattern) =>
        Directory.Exists(runFolder)
            ? Directory.EnumerateFiles(runFolder, pattern)
            : [];

    private static void RemoveTemporaries(string runFolder, string pattern)
    {
        foreach (var path in Temporaries(runFolder, pattern).ToList())
        {
            File.Delete(path);
        }
    }

    private float[] Theta(string run) =>
        ModelFile.Load(Path.Combine(folder, run, "model.safetensors")).Theta;

    private static string[] Args(string output, int epochs) =>
    [
        "train", "--data", "train.csv", "--model", "wide.json", "--epochs",
        epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--batch-size", "16",
        "--lr", "0.05", "--out", output, "--threads", "1", "--quiet",
    ];
}
