using System.Text;
using Backprop.Data;
using Backprop.Tests.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace Backprop.Tests.Data;

/// <summary>Mutated and random CSV files: only InvalidDataException escapes.</summary>
public sealed class CsvReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const long CiIterations = 2_000;

    // Images of 2 × 3 pixels keep rows short, so mutations land in every part of a row.
    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(
        "label,p1,p2,p3,p4,p5,p6\n3,0,12,255,7,80,1\n9, 4 ,5,6,7,8,9\r\n0,0,0,0,0,0,0\n");

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Mutated_ThrowOnlyInvalidData()
    {
        Fuzz.Mutations(Valid).Sample(
            Read, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void RandomBytes_ThrowOnlyInvalidData()
    {
        Gen.OneOf(Fuzz.RandomBytes(200), Fuzz.RandomBytes(200, "1,2,3,"u8.ToArray()))
            .Sample(Read, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    private void Read(byte[] bytes) =>
        Fuzz.Read(temp.Root, ".csv", bytes, path => CsvReader.Read(path, 2, 3));
}
