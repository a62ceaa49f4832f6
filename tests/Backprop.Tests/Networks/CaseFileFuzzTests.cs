using System.Text;
using Backprop.Networks;
using Backprop.Tests.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace Backprop.Tests.Networks;

/// <summary>Mutated and random network and case files: only InvalidDataException escapes.
/// </summary>
public sealed class CaseFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const long CiIterations = 2_000;

    // A small case with every layer type, so mutations reach every layer reader.
    private static readonly byte[] Case = Encoding.UTF8.GetBytes("""
        {"name": "fuzz", "network": {"input": [1, 4, 4], "layers": [
          {"type": "conv2d", "filters": 2, "kernel": [2, 2], "stride": 1, "padding": [1, 0],
           "activation": "relu"},
          {"type": "maxpool2d", "size": 2, "stride": [1, 2]},
          {"type": "flatten"},
          {"type": "dense", "units": 2, "activation": "softmax"}],
         "loss": "cross-entropy"},
         "parameters": {
          "K1": [[[[0.1, -0.2], [0.3, 0.4]]], [[[0.5, 0.6], [-0.7, 0.8]]]],
          "b1": [0.01, -0.02],
          "W2": [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14], [15, 16]],
          "b2": [0, 0.5]},
         "x": [[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [12, 13, 14, 15]]],
         "y": [0, 1]}
        """);

    private static readonly byte[] Network = Encoding.UTF8.GetBytes("""
        {"input": [784], "layers": [
          {"type": "dense", "units": 300, "activation": "relu"},
          {"type": "dense", "units": 100, "activation": "leaky-relu"},
          {"type": "dense", "units": 10, "activation": "softmax"}],
         "loss": "cross-entropy"}
        """);

    private readonly string folder = Directory.CreateTempSubdirectory("backprop-fuzz-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void CaseFile_Mutated_ThrowsOnlyInvalidData()
    {
        Fuzz.Mutations(Case).Sample(
            bytes => Fuzz.Read(folder, ".json", bytes, path => CaseFile.Load(path)),
            writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void NetworkFile_Mutated_ThrowsOnlyInvalidData()
    {
        Fuzz.Mutations(Network).Sample(
            bytes => Fuzz.Read(folder, ".json", bytes, path => NetworkReader.ReadFile(path)),
            writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Theory]
    [InlineData("avx2F1KWCH81")]
    [InlineData("fHAZOL3WKlu4")]
    public void CaseFile_FoundByFuzzing_ThrowsOnlyInvalidData(string seed)
    {
        // Invalid UTF-8 inside a layer key: the parser threw InvalidOperationException.
        Fuzz.Mutations(Case).Sample(
            bytes => Fuzz.Read(folder, ".json", bytes, path => CaseFile.Load(path)),
            seed: seed,
            iter: 1);
    }

    [Fact]
    public void NetworkFile_FoundByFuzzing_ThrowsOnlyInvalidData()
    {
        Fuzz.Mutations(Network).Sample(
            bytes => Fuzz.Read(folder, ".json", bytes, path => NetworkReader.ReadFile(path)),
            seed: "37XjyLtcvR91",
            iter: 1);
    }

    [Fact]
    public void RandomBytes_ThrowOnlyInvalidData()
    {
        Gen.OneOf(Fuzz.RandomBytes(200), Fuzz.RandomBytes(200, "{\"network\": {"u8.ToArray()))
            .Sample(
                bytes => Fuzz.Read(folder, ".json", bytes, path =>
                {
                    Fuzz.Check(path, () => NetworkReader.ReadFile(path));
                    CaseFile.Load(path);
                }),
                writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }
}
