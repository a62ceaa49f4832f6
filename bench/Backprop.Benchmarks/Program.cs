using BenchmarkDotNet.Running;

namespace Backprop.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release -- --filter '*'</c>.</summary>
internal static class Program
{
    private static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
