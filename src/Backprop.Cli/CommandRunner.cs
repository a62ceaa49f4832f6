using System.CommandLine;

namespace Backprop.Cli;

/// <summary>Runs a parsed command line and turns failures into one line and an exit code.</summary>
/// <remarks>Exit codes: 0 success, 1 runtime or data error, 2 usage error.</remarks>
internal static class CommandRunner
{
    public const int DataError = 1;
    public const int UsageError = 2;

    public static int Run(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"error: {error.Message}");
            }

            Console.Error.WriteLine("hint: run 'backprop --help' or 'backprop COMMAND --help'");
            return UsageError;
        }

        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Runs a command's body, mapping user mistakes to one error line.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
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
            Console.Error.WriteLine($"error: {e.Message}");
            return DataError;
        }
    }
}
