using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Backprop.Activations;
using Backprop.Losses;
using Backprop.Networks;
using Backprop.Serialization;
using Backprop.Tests.TestSupport;
using Backprop.Training;
using CsCheck;
using Xunit.Abstractions;

namespace Backprop.Tests.Serialization;

/// <summary>Mutated and random model and checkpoint files: only InvalidDataException escapes.
/// </summary>
/// <remarks>
/// Raw byte mutations mostly stop at the header or the checksum, so further properties
/// mutate one part and rebuild the rest consistently: the header text (its length field
/// recomputed), a metadata value such as the network JSON (checksum recomputed), or the
/// tensor data (checksum recomputed), to reach the model and checkpoint checks behind them.
/// </remarks>
public sealed class ModelFileFuzzTests : IDisposable
{
    private const long CiIterations = 1_000;

    private static readonly NetworkDescription Network = new(
        [1, 4, 4],
        [
            new Conv2dLayerDescription(
                2, new Size2d(2, 2), new Size2d(1, 1), new Size2d(0, 0), ActivationKind.Relu),
            new MaxPool2dLayerDescription(new Size2d(3, 3), new Size2d(3, 3)),
            new FlattenLayerDescription(),
            new DenseLayerDescription(3, ActivationKind.Softmax),
        ],
        LossKind.CrossEntropy);

    private readonly TempFolder folder = new();

    private readonly byte[] model;

    private readonly byte[] checkpoint;

    private readonly ITestOutputHelper output;

    public ModelFileFuzzTests(ITestOutputHelper output)
    {
        this.output = output;
        var theta = Enumerable.Range(0, Network.ParameterCount).Select(i => i / 10f).ToArray();
        var modelPath = folder.PathOf("model.safetensors");
        ModelFile.Save(modelPath, Network, theta, new InputScaling(0.25, 0.5));
        model = File.ReadAllBytes(modelPath);

        var checkpointPath = folder.PathOf("checkpoint.safetensors");
        var state = theta.Select(v => -v).ToArray();
        new Checkpoint(
                new ModelFile(Network, theta, InputScaling.Unit, new Dictionary<string, string>()),
                [state], 12, 2, 3, 1.5, 4, 5, 0.25)
            .Save(checkpointPath, new Dictionary<string, string> { ["optimizer"] = "momentum" });
        checkpoint = File.ReadAllBytes(checkpointPath);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Model_BytesMutated_ThrowsOnlyInvalidData()
    {
        Fuzz.MutationsLittleEndian64(model, 0).Sample(
            ReadModel, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void Model_HeaderTextMutated_ThrowsOnlyInvalidData()
    {
        var (header, data) = Split(model);

        Fuzz.Mutations(header).Select(h => SafetensorsBytes.Build(h, data)).Sample(
            ReadModel, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void Model_NetworkMetadataMutated_ThrowsOnlyInvalidData()
    {
        MetadataMutations(model, "network").Sample(
            ReadModel, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void Model_TensorDataMutatedWithValidChecksum_ThrowsOnlyInvalidData()
    {
        var (header, data) = Split(model);

        Fuzz.Mutations(data).Select(d => WithChecksum(header, d)).Sample(
            ReadModel, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void Checkpoint_HeaderTextMutated_ThrowsOnlyInvalidData()
    {
        var (header, data) = Split(checkpoint);

        Fuzz.Mutations(header).Select(h => SafetensorsBytes.Build(h, data)).Sample(
            ReadCheckpoint, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void Checkpoint_MetadataValueMutated_ThrowsOnlyInvalidData()
    {
        string[] keys =
        [
            "epoch", "batch", "step_count", "partial_loss_sum", "partial_correct", "partial_seen",
            "network", "format",
        ];

        Gen.OneOf(keys.Select(key => MetadataMutations(checkpoint, key)).ToArray()).Sample(
            ReadCheckpoint, writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    [Fact]
    public void RandomBytes_ThrowOnlyInvalidData()
    {
        byte[] lengthField = [16, 0, 0, 0, 0, 0, 0, 0, (byte)'{'];
        Gen.OneOf(Fuzz.RandomBytes(200), Fuzz.RandomBytes(200, lengthField)).Sample(
            bytes =>
            {
                ReadModel(bytes);
                ReadCheckpoint(bytes);
            },
            writeLine: output.WriteLine, iter: Fuzz.Iterations(CiIterations));
    }

    private void ReadModel(byte[] bytes) =>
        Fuzz.Read(folder.FullPath, ".safetensors", bytes, path => ModelFile.Load(path));

    private void ReadCheckpoint(byte[] bytes) =>
        Fuzz.Read(folder.FullPath, ".safetensors", bytes, path => Checkpoint.Load(path));

    private static (byte[] Header, byte[] Data) Split(byte[] file)
    {
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        return (file[8..(8 + length)], file[(8 + length)..]);
    }

    private static Gen<byte[]> MetadataMutations(byte[] file, string key)
    {
        var (header, data) = Split(file);
        var value = JsonNode.Parse(header)!["__metadata__"]![key]!.GetValue<string>();
        return Fuzz.Mutations(Encoding.UTF8.GetBytes(value)).Select(mutated =>
        {
            var node = JsonNode.Parse(header)!;
            node["__metadata__"]![key] = Encoding.UTF8.GetString(mutated);
            return SafetensorsBytes.Build(node.ToJsonString(), data);
        });
    }

    private static byte[] WithChecksum(byte[] header, byte[] data)
    {
        var node = JsonNode.Parse(header)!;
        node["__metadata__"]!["checksum"] = Convert.ToHexStringLower(SHA256.HashData(data));
        return SafetensorsBytes.Build(node.ToJsonString(), data);
    }
}
