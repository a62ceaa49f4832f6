using System.Text;
using Backprop.Cli;
using Backprop.Cli.Images;
using Backprop.Cli.Inputs;
using Backprop.Tests.Data;
using Backprop.Tests.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace Backprop.Tests.Cli.Inputs;

/// <summary>Mutated PGM, PNG, IDX and CSV inputs of <c>predict</c>: only the errors the CLI
/// reports as one line escape.</summary>
/// <remarks>
/// Besides <see cref="InvalidDataException"/>, the reader may throw
/// <see cref="NotSupportedException"/> (another Netpbm kind) and <see cref="UsageException"/>
/// (a file of several images needs --index); the CLI prints each as one line.
/// </remarks>
public sealed class InputReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const long CiIterations = 500;

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Pgm_Mutated_ThrowsOnlyReportedErrors()
    {
        byte[] binary = [.. "P5\n# a comment\n5 3\n255\n"u8, .. Enumerable.Range(0, 15).Select(
            i => (byte)(i * 17))];
        var plain = Encoding.ASCII.GetBytes("P2 5 3 15\n0 1 2 3 4\n5 6 7 8 9\n10 11 12 13 14\n");

        Gen.OneOf(Fuzz.Mutations(binary), Fuzz.Mutations(plain)).Sample(
            Read, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void Png_Mutated_ThrowsOnlyReportedErrors()
    {
        var pixels = Enumerable.Range(0, 15).Select(i => (byte)(i * 17)).ToArray();
        var png = GrayPng.Encode(pixels, 3, 5, 1);

        Fuzz.MutationsBigEndian32(png, 16, 20).Sample(
            Read, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void IdxAndCsv_Mutated_ThrowOnlyReportedErrors()
    {
        var idx = IdxBytes.Images(1, 3, 5);
        var csv = Encoding.ASCII.GetBytes("7,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14\n");

        Gen.OneOf(Fuzz.MutationsBigEndian32(idx, 4, 8, 12), Fuzz.Mutations(csv)).Sample(
            Read, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    private void Read(byte[] bytes) => Fuzz.Read(temp.Root, "", bytes, path =>
    {
        try
        {
            new InputReader(15, (3, 5), invert: false).Read(path, null);
        }
        catch (NotSupportedException e)
        {
            Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        }
        catch (UsageException e)
        {
            Assert.StartsWith(path + " holds ", e.Message, StringComparison.Ordinal);
        }
    });
}
