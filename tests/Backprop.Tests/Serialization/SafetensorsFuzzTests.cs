using Backprop.Serialization;
using Backprop.Tests.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace Backprop.Tests.Serialization;

public class SafetensorsFuzzTests(ITestOutputHelper output)
{
    private const string FakePath = "fuzz.safetensors";

    [Fact]
    public void Read_RandomlyCorruptedFile_ThrowsOnlyInvalidData()
    {
        var valid = ValidFile();
        var mutation = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Array[1, 6];
        var cut = Gen.Frequency((4, Gen.Const(valid.Length)), (1, Gen.Int[0, valid.Length]));

        Gen.Select(mutation, cut).Sample((changes, length) =>
        {
            var bytes = valid[..length];
            foreach (var (position, value) in changes)
            {
                if (position < length)
                {
                    bytes[position] = value;
                }
            }

            ReadExpectingOnlyInvalidData(bytes);
        }, writeLine: output.WriteLine, iter: Fuzz.Iterations(5_000));
    }

    private static void ReadExpectingOnlyInvalidData(byte[] bytes)
    {
        try
        {
            SafetensorsReader.Read(new MemoryStream(bytes, writable: false), FakePath);
        }
        catch (InvalidDataException e)
        {
            Assert.StartsWith(FakePath + ": ", e.Message, StringComparison.Ordinal);
        }
    }

    private static byte[] ValidFile()
    {
        using var folder = new TempFolder();
        var path = folder.PathOf("valid.safetensors");
        SafetensorsTensor[] tensors =
        [
            SafetensorsTensor.Create("W1", [2, 3], new[] { 1f, 2f, 3f, 4f, 5f, 6f }),
            SafetensorsTensor.Create("b1", [3], new[] { 0.5, -0.5, 2.0 }),
            SafetensorsTensor.Create("epoch", [], new[] { 9L }),
            SafetensorsTensor.Create("empty", [0], Array.Empty<float>()),
        ];
        var metadata = new Dictionary<string, string> { ["network"] = "{\"layers\":[3]}" };
        SafetensorsFile.Write(path, tensors, metadata);
        return File.ReadAllBytes(path);
    }
}
