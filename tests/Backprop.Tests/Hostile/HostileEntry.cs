using System.Text.Json;

namespace Backprop.Tests.Hostile;

/// <summary>One row of manifest.json: a hostile file, the command that reads it, the result.
/// </summary>
/// <param name="Path">The file or folder, relative to the Hostile folder.</param>
/// <param name="Reader">Which reader it attacks, such as "IDX gzip".</param>
/// <param name="What">What is wrong with it.</param>
/// <param name="Command">The arguments after <c>backprop</c>, with placeholders.</param>
/// <param name="Exit">The expected exit code.</param>
/// <param name="Names">What the error line must name (the file), with placeholders.</param>
/// <param name="Error">A substring of the error line (the problem), with placeholders.</param>
/// <param name="Environment">Environment variables for the run, with placeholders.</param>
internal sealed record HostileEntry(
    string Path,
    string Reader,
    string What,
    string[] Command,
    int Exit,
    string Names,
    string Error,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Gets the Hostile folder as copied beside the test assembly.</summary>
    public static string Folder { get; } =
        System.IO.Path.Combine(AppContext.BaseDirectory, "Hostile");

    /// <summary>Reads every entry of manifest.json.</summary>
    public static IReadOnlyList<HostileEntry> All { get; } = Load();

    /// <summary>Finds an entry by its path.</summary>
    public static HostileEntry Find(string path) => All.Single(e => e.Path == path);

    private static List<HostileEntry> Load()
    {
        using var document = JsonDocument.Parse(
            File.ReadAllBytes(System.IO.Path.Combine(Folder, "manifest.json")));
        var entries = new List<HostileEntry>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var environment = new Dictionary<string, string>();
            if (item.TryGetProperty("env", out var env))
            {
                foreach (var variable in env.EnumerateObject())
                {
                    environment[variable.Name] = variable.Value.GetString()!;
                }
            }

            entries.Add(new HostileEntry(
                item.GetProperty("path").GetString()!,
                item.GetProperty("reader").GetString()!,
                item.GetProperty("what").GetString()!,
                [.. item.GetProperty("command").EnumerateArray().Select(a => a.GetString()!)],
                item.GetProperty("exit").GetInt32(),
                item.GetProperty("names").GetString()!,
                item.GetProperty("error").GetString()!,
                environment));
        }

        return entries;
    }
}
