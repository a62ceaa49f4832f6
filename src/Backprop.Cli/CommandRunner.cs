using System.CommandLine;

namespace Backprop.Cli;

/// <summary>Runs a parsed command line and turns failures into one line and an exit code.</summary>
/// <remarks>Exit codes: 0 success, 1 runtime or data error, 2 usage error.</remarks>
internal static class CommandRunner
{
    public const int DataError = 1;
    public const int UsageError = 2;

    public static int Run(Command root, string[] args) =>
        Run(root, args, Console.Out, Console.Error);

    /// <summary>Parses and runs a command line, writing results and diagnostics as given.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="output">Receives results (stdout in the real tool).</param>
    /// <param name="error">Receives diagnostics (stderr in the real tool).</param>
    /// <returns>The exit code.</returns>
    public static int Run(Command root, string[] args, TextWriter output, TextWriter error)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            error.WriteLine("hint: run 'backprop --help' or 'backprop COMMAND --help'");
            return UsageError;
        }

        return parse.Invoke(new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            Output = output,
            Error = error,
        });
    }

    /// <summary>Runs a command's body, mapping user mistakes to one error line.</summary>
    public static int Guard(Func<int> body) => Guard(Console.Error, body);

    /// <summary>Runs a command's body, mapping user mistakes to one line on a writer.</summary>
    /// <param name="error">Receives the error line (stderr in the real tool).</param>
    /// <param name="body">The command's work; returns the exit code.</param>
    /// <returns>The body's exit code, or 1 (data error) or 2 (usage error).</returns>
    public static int Guard(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        catch (Exception e) when (e is InvalidDataException
            or FileNotFoundException
            or DirectoryNotFoundException
            or UnauthorizedAccessException
            or NotSupportedException
            or InsufficientMemoryException
            or ArgumentException
            or IOException)
        {
            // The runtime appends " (Parameter 'name')" to argument errors; users need the
            // sentence, not the internal name.
            var message = e is ArgumentException { ParamName: { } name }
                ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
                : e.Message;
            error.WriteLine($"error: {message}");
            return DataError;
        }
    }
}
