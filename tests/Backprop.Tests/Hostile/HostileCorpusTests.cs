using System.Security.Cryptography;
using Backprop.Tests.Cli;
using Backprop.Tests.Data;

namespace Backprop.Tests.Hostile;

/// <summary>Every file of the hostile corpus, run through the CLI in-process.</summary>
/// <remarks>
/// Each entry of manifest.json is copied into a fresh folder and read by its command; the
/// run must end in time with the documented exit code, nothing on stdout, one error line
/// (a hint line may follow) naming the file and the problem, no stack trace, no new or
/// changed file, and no large allocation.
/// </remarks>
[Collection(HostileRunsAlone.Name)]
public sealed class HostileCorpusTests
{
    // Every entry is rejected after allocating under 1 MB (measured); a header trusted
    // before it is checked would allocate what it claims, 47 MB and up in this corpus.
    private const long MaxAllocatedBytes = 8L << 20;

    private const StringComparison Ordinal = StringComparison.Ordinal;

    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Entries => [.. HostileEntry.All.Select(e => e.Path)];

    [Theory]
    [MemberData(nameof(Entries))]
    public void Entry_IsRejectedWithTheDocumentedError(string path)
    {
        var entry = HostileEntry.Find(path);
        using var temp = new TempFolder();
        var copy = CopyInto(temp.Root, Path.GetFullPath(Path.Combine(HostileEntry.Folder, path)));
        string Fill(string text) => text
            .Replace("{file}", copy, StringComparison.Ordinal)
            .Replace("{base}", Path.Combine(HostileEntry.Folder, "base"), StringComparison.Ordinal)
            .Replace("{out}", Path.Combine(temp.Root, "out"), StringComparison.Ordinal);
        var before = Snapshot(temp.Root);

        var (result, allocated) = Run([.. entry.Command.Select(Fill)], entry, Fill);

        Assert.True(result.ExitCode == entry.Exit, $"{entry.What}: expected exit {entry.Exit}\n"
            + result);
        Assert.Equal("", result.Out);
        var lines = result.ErrLines;
        Assert.True(
            lines.Length == 1 || (lines.Length == 2 && lines[1].StartsWith("hint: ", Ordinal)),
            $"one error line (and at most a hint) expected:\n{result.Err}");
        Assert.StartsWith("error: ", lines[0], Ordinal);
        Assert.Contains(Fill(entry.Names), lines[0], Ordinal);
        Assert.Contains(Fill(entry.Error), lines[0], Ordinal);
        Assert.DoesNotContain("   at ", result.Err, Ordinal);
        Assert.DoesNotContain("Exception", result.Err, Ordinal);
        Assert.Equal(before, Snapshot(temp.Root));
        Assert.True(allocated < MaxAllocatedBytes, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Manifest_CoversEveryReaderWithAtLeast45Entries()
    {
        string[] readers =
        [
            "IDX raw", "IDX gzip", "IDX folder", "CSV", "digit JSON", "network JSON",
            "case JSON", "model safetensors", "checkpoint safetensors",
        ];

        Assert.True(HostileEntry.All.Count >= 45, $"{HostileEntry.All.Count} entries");
        foreach (var reader in readers)
        {
            Assert.True(
                HostileEntry.All.Count(e => e.Reader == reader) >= 3, $"few {reader} entries");
        }
    }

    [Fact]
    public void Manifest_ListsEveryCorpusFileAndOnlyExistingOnes()
    {
        var listed = HostileEntry.All
            .Select(e => Path.GetFullPath(Path.Combine(HostileEntry.Folder, e.Path)))
            .ToList();
        var corpus = Directory.EnumerateFiles(HostileEntry.Folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(HostileEntry.Folder, f).StartsWith("base", Ordinal))
            .Where(f => Path.GetDirectoryName(f) != HostileEntry.Folder);

        Assert.All(listed, p => Assert.True(File.Exists(p) || Directory.Exists(p), p));
        Assert.All(corpus, f => Assert.Contains(listed, p => f == p || f.StartsWith(p + "/")));
    }

    [Fact]
    public void NetworkFile_ActivationNameOf8MB_IsRejectedWithAShortLine()
    {
        // Made here rather than committed: 8 MB of 'r' in place of an activation name.
        using var temp = new TempFolder();
        var name = new string('r', 8 << 20);
        var path = temp.WriteText("long.json", $$"""
            {"input": [15], "layers": [{"type": "dense", "units": 10, "activation": "{{name}}"}],
             "loss": "cross-entropy"}
            """);
        var data = Path.Combine(HostileEntry.Folder, "base", "idx-ok");
        var output = Path.Combine(temp.Root, "out");

        var result = CliRunner.Run(
            "train", "--data", data, "--model", path, "--epochs", "1", "--out", output);

        CliRunner.AssertDataError(
            result, path, "layer 1 (dense): unknown activation \"rrrr");
        Assert.True(result.Err.Length < 400, $"{result.Err.Length} characters on stderr");
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("data", "inspect", "{base}/idx-ok/train-images-idx3-ubyte")]
    [InlineData("eval", "--model", "{base}/model.safetensors", "--data", "{base}/idx-ok")]
    public void BaseFiles_AreAccepted(params string[] command)
    {
        // The hostile files are these, each broken in one place; the originals must load.
        var args = command.Select(a => a.Replace(
            "{base}", Path.Combine(HostileEntry.Folder, "base"), StringComparison.Ordinal));

        var result = CliRunner.Run([.. args]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static (CliResult Result, long Allocated) Run(
        string[] args,
        HostileEntry entry,
        Func<string, string> fill)
    {
        var saved = entry.Environment.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        foreach (var (name, value) in entry.Environment)
        {
            Environment.SetEnvironmentVariable(name, fill(value));
        }

        try
        {
            var start = GC.GetTotalAllocatedBytes(precise: true);
            var run = Task.Run(() => CliRunner.Run(args));
            Assert.True(run.Wait(TimeLimit), $"{entry.Path}: no result within {TimeLimit}");
            return (run.Result, GC.GetTotalAllocatedBytes(precise: true) - start);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    private static string CopyInto(string folder, string source)
    {
        var target = Path.Combine(folder, Path.GetFileName(source));
        if (File.Exists(source))
        {
            File.Copy(source, target);
            return target;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }

    private static List<string> Snapshot(string folder) =>
    [
        .. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p)
                ? $"{p} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p)))}"
                : p),
    ];
}
