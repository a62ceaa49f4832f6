using System.Diagnostics;

namespace Backprop.Tests.TestSupport;

/// <summary>Runs the backprop command as a child process, as a user would.</summary>
internal static class CliProcess
{
    public static Process Start(string workingFolder, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Backprop.Cli.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    public static (int ExitCode, string Out, string Error) Run(
        string workingFolder,
        params string[] args)
    {
        using var process = Start(workingFolder, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"backprop {string.Join(' ', args)} did not finish");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Writes a small CSV data set: label, then 784 pixels, two learnable classes.
    /// </summary>
    public static void WriteCsv(string path, int rows, int seed)
    {
        var rng = new Random(seed);
        using var writer = new StreamWriter(path);
        for (var n = 0; n < rows; n++)
        {
            var label = n % 10;
            var pixels = new int[784];
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = rng.Next(0, 60);
            }

            // A bright 4-pixel bar whose row depends on the label makes the classes learnable.
            for (var c = 10; c < 14; c++)
            {
                pixels[((2 + (2 * label)) * 28) + c] = 250;
            }

            writer.Write(label);
            foreach (var p in pixels)
            {
                writer.Write(',');
                writer.Write(p);
            }

            writer.Write('\n');
        }
    }
}
