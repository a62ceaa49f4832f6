using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Backprop.Cli;

/// <summary>Runs a parsed command line and turns failures into one line and an exit code.</summary>
/// <remarks>
/// Exit codes: 0 success, 1 runtime, data or resource error (such as explicit factors over
/// --max-memory), 2 usage error (the command line itself; nothing is read or written), and
/// 130 from <c>train</c> after Ctrl-C.
/// </remarks>
internal static partial class CommandRunner
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
            error.WriteLine($"error: {UsageMessage(parse)}");
            return UsageError;
        }

        return parse.Invoke(new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            Output = output,
            Error = error,
        });
    }

    /// <summary>Describes what is wrong with a command line in one line.</summary>
    /// <remarks>
    /// Only the first problem is reported: one mistake often yields several parser errors
    /// (an unknown option and then its value). Unknown commands and options get the nearest
    /// valid name as a suggestion.
    /// </remarks>
    /// <param name="parse">A parse result with at least one error.</param>
    /// <returns>The message, without the "error: " prefix.</returns>
    internal static string UsageMessage(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        if (parse.UnmatchedTokens.Count > 0)
        {
            var token = FileProblem.Shorten(parse.UnmatchedTokens[0]);
            if (token.StartsWith('-') && token.Length > 1)
            {
                var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
                return $"unknown option '{token}' for '{path}'" + Hint(token, names, path);
            }

            if (command.Subcommands.Count > 0)
            {
                var names = command.Subcommands.Select(c => c.Name).ToList();
                return $"unknown command '{token}' for '{path}'; use one of "
                    + string.Join(", ", names) + Hint(token, names, path);
            }

            return $"unexpected argument '{token}' for '{path}'; run '{path} --help' for its "
                + "arguments";
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            var names = string.Join(", ", command.Subcommands.Select(c => c.Name));
            return $"'{path}' needs a command: {names}; run '{path} --help' for more";
        }

        foreach (var argument in command.Arguments)
        {
            var given = parse.CommandResult.GetResult(argument)?.Tokens.Count ?? 0;
            if (given < argument.Arity.MinimumNumberOfValues)
            {
                return $"'{path}' needs {argument.Name.ToUpperInvariant()}; run '{path} --help' "
                    + "for its arguments";
            }
        }

        foreach (var option in command.Options)
        {
            if (parse.CommandResult.GetResult(option) is { IdentifierTokenCount: > 1 }
                && option.Arity.MaximumNumberOfValues == 1)
            {
                return $"{option.Name} is given twice; give it once";
            }
        }

        foreach (var option in command.Options)
        {
            if (parse.CommandResult.GetResult(option) is { IdentifierTokenCount: > 0 } given
                && given.Tokens.Count < option.Arity.MinimumNumberOfValues)
            {
                return $"{option.Name} needs a value; run '{path} --help' for its options";
            }

            if (option.Required
                && parse.CommandResult.GetResult(option) is not { IdentifierTokenCount: > 0 })
            {
                return $"'{path}' needs {option.Name}; run '{path} --help' for its options";
            }
        }

        return parse.Errors[0].Message;
    }

    private static string Hint(string given, List<string> names, string path)
    {
        var nearest = NameSuggestion.Nearest(given, names);
        return nearest is null
            ? $"; run '{path} --help' for the list"
            : $" (did you mean '{nearest}'?)";
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Insert(0, c.Command.Name);
            }
        }

        return string.Join(' ', names);
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
        catch (OutOfMemoryException e) when (e is not InsufficientMemoryException)
        {
            error.WriteLine(
                "error: out of memory; use --engine fast, a smaller --max-memory or smaller "
                + "inputs");
            return DataError;
        }
        catch (Exception e) when (e is InvalidDataException
            or FileNotFoundException
            or DirectoryNotFoundException
            or UnauthorizedAccessException
            or NotSupportedException
            or InsufficientMemoryException
            or ArgumentException
            or IOException
            or Backprop.Training.TrainingDivergedException)
        {
            // The runtime appends " (Parameter 'name')" to argument errors; users need the
            // sentence, not the internal name.
            var message = e is ArgumentException { ParamName: { } name }
                ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
                : Plain(e);
            error.WriteLine($"error: {message}");
            return DataError;
        }
    }

    /// <summary>Rewrites the runtime's file-system messages as "PATH: problem".</summary>
    /// <remarks>
    /// The runtime says "Access to the path '…' is denied." or "Could not find a part of the
    /// path '…'."; the project's own messages already start with the path and pass unchanged.
    /// </remarks>
    /// <param name="e">A file-system or data error.</param>
    /// <returns>One short line without the "error: " prefix.</returns>
    internal static string Plain(Exception e)
    {
        var quoted = RuntimePath().Match(e.Message);
        if (!quoted.Success)
        {
            return e.Message;
        }

        var path = quoted.Groups[1].Value;
        var problem = e switch
        {
            UnauthorizedAccessException => "permission denied",
            DirectoryNotFoundException => FileProblem.Folder(path) ?? "no such file or folder",
            FileNotFoundException => FileProblem.Missing(path),
            IOException io when FileProblem.IsLoop(io) =>
                "too many levels of symbolic links (a loop)",
            _ => null,
        };
        return problem is null ? e.Message : $"{FileProblem.Shorten(path)}: {problem}";
    }

    [GeneratedRegex("^(?:Access to the path|Could not find (?:a part of the path|file)|"
        + "Too many levels of symbolic links :?) '([^']*)'")]
    private static partial Regex RuntimePath();
}
