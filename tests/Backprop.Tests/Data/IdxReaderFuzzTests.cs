using Backprop.Data;
using Backprop.Tests.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace Backprop.Tests.Data;

/// <summary>Mutated and random IDX files, raw and gzip: only InvalidDataException escapes.
/// </summary>
public sealed class IdxReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const long CiIterations = 1_500;

    // The header's 32-bit big-endian sizes: count, rows, columns.
    private static readonly int[] SizeOffsets = [4, 8, 12];

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void RawImages_Mutated_ThrowOnlyInvalidData()
    {
        var valid = IdxBytes.Images(3, 3, 5);

        Fuzz.MutationsBigEndian32(valid, SizeOffsets).Sample(
            ReadEveryWay, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void RawLabels_Mutated_ThrowOnlyInvalidData()
    {
        var valid = IdxBytes.Labels(7, 2, 1, 0, 9);

        Fuzz.MutationsBigEndian32(valid, 4).Sample(
            ReadEveryWay, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void GzipImages_CompressedBytesMutated_ThrowOnlyInvalidData()
    {
        var valid = IdxBytes.Gzip(IdxBytes.Images(3, 3, 5));

        Fuzz.MutationsBigEndian32(valid, 4).Sample(
            ReadEveryWay, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void GzipImages_ContentMutatedThenCompressed_ThrowOnlyInvalidData()
    {
        // Compressing after the mutation gets every change past gzip to the IDX checks.
        var valid = IdxBytes.Images(3, 3, 5);

        Fuzz.MutationsBigEndian32(valid, SizeOffsets).Select(IdxBytes.Gzip).Sample(
            ReadEveryWay, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void RandomBytes_ThrowOnlyInvalidData()
    {
        var bytes = Gen.OneOf(
            Fuzz.RandomBytes(300),
            Fuzz.RandomBytes(300, [0, 0, 8, 3]),
            Fuzz.RandomBytes(300, [0x1f, 0x8b, 8, 0]));

        bytes.Sample(
            ReadEveryWay, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    private void ReadEveryWay(byte[] bytes) => Fuzz.Read(temp.Root, "", bytes, path =>
    {
        Fuzz.Check(path, () => IdxReader.Inspect(path));
        Fuzz.Check(path, () => IdxReader.ReadLabels(path));
        IdxReader.ReadImages(path);
    });
}
