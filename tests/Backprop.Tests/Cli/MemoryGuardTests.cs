using System.Diagnostics;
using System.Globalization;
using System.Text;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.Cli;

/// <summary>grad, gradcheck, explain and bench refuse explicit factors that would not fit.
/// </summary>
/// <remarks>
/// The refusal comes from the network's shapes before anything is built: exit code 1 (a
/// resource problem, like a data error), one line giving the largest factor's size in
/// entries and bytes, and the fast engine as the way out.
/// </remarks>
public sealed class MemoryGuardTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("backprop-memory-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Grad_HugeJacobian_IsRefusedQuicklyWithoutAllocatingIt()
    {
        // One input, 40,000 outputs: J_θ z^[L] is 40,000 × 80,000 = 3.2e9 entries (26 GB).
        var path = WideCase("wide.json", 40_000);
        var clock = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = CliRunner.Run("grad", path);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        CliRunner.AssertDataError(
            result,
            "J_θ z^[L] would be 40,000 × 80,000 = 3.2e9 entries (26 GB)",
            "more than one array can hold");
        Assert.Contains("use --engine fast for the gradient alone", result.Err);
        Assert.InRange(allocated, 0, 300_000_000);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 20);
    }

    [Fact]
    public void Grad_HugeJacobian_WorksWithTheFastEngine()
    {
        var path = WideCase("wide.json", 40_000);

        var result = CliRunner.Run("grad", path, "--engine", "fast", "--json");

        Assert.True(result.ExitCode == 0, result.Err);
    }

    [Fact]
    public void Grad_OverMaxMemory_IsRefusedWithTheSizes()
    {
        var path = TestCases.PathOf("03-lenet-300-100.json");

        var result = CliRunner.Run("grad", path, "--max-memory", "1MB");

        CliRunner.AssertDataError(
            result,
            "J_θ z^[L] would be 10 × 266,610 = 2.7e6 entries (21 MB); the explicit factors "
                + "need about 26 MB in all, over the limit of 1.0 MB (--max-memory)",
            "use --engine fast for the gradient alone");
    }

    [Fact]
    public void Grad_UnderMaxMemory_Computes()
    {
        var path = TestCases.PathOf("03-lenet-300-100.json");

        var result = CliRunner.Run("grad", path, "--max-memory", "30MB", "--json");

        Assert.True(result.ExitCode == 0, result.Err);
    }

    [Fact]
    public void Grad_HiddenSoftmax_IsRefusedNamingItsJacobian()
    {
        // J_θ z^[L] is only 1 × 60,001, but D^[1] of a 20,000-unit softmax is dense.
        var path = HiddenSoftmaxCase("softmax.json", 20_000);

        var result = CliRunner.Run("grad", path, "--max-memory", "2GB");

        CliRunner.AssertDataError(
            result,
            "D^[1] (softmax) would be 20,000 × 20,000 = 4.0e8 entries (3.2 GB)",
            "over the limit of 2.0 GB (--max-memory)");
    }

    [Theory]
    [InlineData("gradcheck", "gradcheck needs the jacobian engine")]
    [InlineData("explain", "explain shows every factor explicitly")]
    public void ExplicitCommands_OverMaxMemory_AreRefused(string command, string advice)
    {
        var path = TestCases.PathOf("03-lenet-300-100.json");

        var result = CliRunner.Run(command, path, "--max-memory", "5MB");

        CliRunner.AssertDataError(result, "J_θ z^[L] would be 10 × 266,610", advice);
        Assert.Contains("use 'backprop grad --engine fast'", result.Err);
    }

    [Fact]
    public void Explain_CountsTheLayerBlocksItCopies()
    {
        // The engine alone needs about 26 MB; explain's copies of the blocks add 21 MB.
        var path = TestCases.PathOf("03-lenet-300-100.json");

        var result = CliRunner.Run("explain", path, "--max-memory", "30MB");

        CliRunner.AssertDataError(result, "need about 47 MB in all", "over the limit of 30 MB");
    }

    [Fact]
    public void BenchSingleSample_OverMaxMemory_IsRefused()
    {
        CliProcess.WriteCsv(Path.Combine(folder, "train.csv"), 20, seed: 1);
        CliProcess.WriteCsv(Path.Combine(folder, "test.csv"), 5, seed: 2);

        var result = CliRunner.Run(
            "bench", "--data", Path.Combine(folder, "train.csv"), "--single-sample",
            "--max-memory", "1MB");

        CliRunner.AssertDataError(
            result, "J_θ z^[L] would be 10 × 266,610", "bench a smaller network");
    }

    // A dense layer from one input to `units` identity outputs, squared error.
    private string WideCase(string name, int units) => Write(name, units, text => text
        .Append("\"network\": {\"input\": [1], \"layers\": [{\"type\": \"dense\", ")
        .Append(Invariant($"\"units\": {units}, \"activation\": \"identity\"}}], "))
        .Append("\"loss\": \"squared-error\"}, \"parameters\": {\"W1\": [")
        .Append(Numbers(units, 0.001))
        .Append("], \"b1\": ")
        .Append(Numbers(units, 0))
        .Append("}, \"x\": [1.0], \"y\": ")
        .Append(Numbers(units, 0)));

    // One input, a hidden softmax of `units` units, one identity output, squared error.
    private string HiddenSoftmaxCase(string name, int units) => Write(name, units, text => text
        .Append("\"network\": {\"input\": [1], \"layers\": [{\"type\": \"dense\", ")
        .Append(Invariant($"\"units\": {units}, \"activation\": \"softmax\"}}, "))
        .Append("{\"type\": \"dense\", \"units\": 1, \"activation\": \"identity\"}], ")
        .Append("\"loss\": \"squared-error\"}, \"parameters\": {\"W1\": [")
        .Append(Numbers(units, 0.001))
        .Append("], \"b1\": ")
        .Append(Numbers(units, 0))
        .Append(", \"W2\": [")
        .Append(string.Join(", ", Enumerable.Repeat("[0.5]", units)))
        .Append("], \"b2\": [0]}, \"x\": [1.0], \"y\": [0.25]"));

    private string Write(string name, int units, Func<StringBuilder, StringBuilder> body)
    {
        var path = Path.Combine(folder, name);
        var text = body(new StringBuilder("{").Append(Invariant($"\"name\": \"{units}\", ")));
        File.WriteAllText(path, text.Append('}').ToString());
        return path;
    }

    private static string Numbers(int count, double value) =>
        "[" + string.Join(", ", Enumerable.Repeat(Invariant($"{value}"), count)) + "]";

    private static string Invariant(FormattableString text) =>
        text.ToString(CultureInfo.InvariantCulture);
}
