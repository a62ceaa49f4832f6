using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Tests.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace Backprop.Tests.Data;

/// <summary>Mutated and random npm digit files: only InvalidDataException escapes.</summary>
public sealed class MnistJsonReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const long CiIterations = 1_500;

    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(
        "{\"data\": ["
        + string.Join(",", Enumerable.Range(0, 784).Select(
            i => (i % 256 / 255.0).ToString("0.###", CultureInfo.InvariantCulture)))
        + "]}");

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
        Gen.OneOf(Fuzz.RandomBytes(200), Fuzz.RandomBytes(200, "{\"data\": ["u8.ToArray()))
            .Sample(Read, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    private void Read(byte[] bytes) =>
        Fuzz.Read(temp.Root, ".json", bytes, path => MnistJsonReader.ReadDigitFile(path));
}
