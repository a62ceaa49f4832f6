namespace Backprop.Cli;

/// <summary>The entry point of the <c>backprop</c> command.</summary>
internal static class Program
{
    private static int Main(string[] args) => args.Length == 0 ? 2 : 0;
}
