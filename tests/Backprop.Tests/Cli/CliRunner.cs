using System.Globalization;
using Backprop.Cli;

namespace Backprop.Tests.Cli;

/// <summary>Runs the backprop tool in-process with its own stdout and stderr writers.</summary>
/// <remarks>
/// The commands write to the writers given to <c>Program.Run</c>, never to the process
/// console, so tests using this helper may run in parallel.
/// </remarks>
internal static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = Program.Run(args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Asserts a data error: exit 1, nothing on stdout, one error line naming what.
    /// </summary>
    public static void AssertDataError(CliResult result, string named, string problem)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(named, line);
        Assert.Contains(problem, line);
        Assert.DoesNotContain("   at ", result.Err);
    }

    /// <summary>Asserts a usage error: exit 2, nothing on stdout, an error line first.</summary>
    public static void AssertUsageError(CliResult result, string problem)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Out);
        Assert.StartsWith("error: ", result.ErrLines[0]);
        Assert.Contains(problem, result.Err);
        Assert.DoesNotContain("   at ", result.Err);
    }
}
