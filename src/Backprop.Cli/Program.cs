using System.CommandLine;
using Backprop.Cli.Commands;

namespace Backprop.Cli;

/// <summary>The entry point of the <c>backprop</c> command.</summary>
internal static class Program
{
    /// <summary>Builds the root command with every subcommand.</summary>
    /// <returns>The root command.</returns>
    public static Command CreateRoot()
    {
        // A plain command named "backprop", so help shows the tool's name, not the assembly's.
        var root = new Command(
            "backprop",
            "Backprop: neural-network gradients as products of Jacobian matrices, and training.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(GradCommand.Create());
        root.Subcommands.Add(GradcheckCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(ToeplitzCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }

    /// <summary>Runs the tool in-process with the given writers for stdout and stderr.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="output">Receives results.</param>
    /// <param name="error">Receives diagnostics.</param>
    /// <returns>The exit code: 0 success, 1 data or resource error, 2 usage error, 130 a
    /// training run interrupted by Ctrl-C.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        CommandRunner.Run(CreateRoot(), args, output, error);

    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);
}
