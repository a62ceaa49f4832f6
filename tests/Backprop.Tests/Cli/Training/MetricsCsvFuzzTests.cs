using System.Text;
using Backprop.Cli.Training;
using Backprop.Tests.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace Backprop.Tests.Cli.Training;

/// <summary>Mutated metrics of a checkpoint: only InvalidDataException escapes.</summary>
public sealed class MetricsCsvFuzzTests(ITestOutputHelper output)
{
    private const long CiIterations = 2_000;

    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(
        MetricsCsv.Header + "\n1,2.3,0.25,2.1,0.5,0.1,1.5\n2,1.9,0.5,1.8,0.75,0,1.25\n");

    [Fact]
    public void Read_Mutated_ThrowsOnlyInvalidData()
    {
        Fuzz.Mutations(Valid).Sample(
            bytes => Fuzz.Check(
                "c", () => MetricsCsv.Read(Encoding.UTF8.GetString(bytes), "c", 2)),
            writeLine: output.WriteLine,
            iter: Fuzz.Iterations(CiIterations));
    }
}
