using System.CommandLine;
using Backprop.Cli.Commands;

namespace Backprop.Cli;

/// <summary>The entry point of the <c>backprop</c> command.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand(
            "Backprop: neural-network gradients as products of Jacobian matrices, and training.");
        root.Subcommands.Add(GradCommand.Create());
        root.Subcommands.Add(GradcheckCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        return CommandRunner.Run(root, args);
    }
}
