using Backprop.Activations;
using Backprop.Losses;
using Backprop.Networks;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Tests.Serialization;

public sealed class CheckpointTests : IDisposable
{
    private static readonly NetworkDescription Network = new(
        [3], [new DenseLayerDescription(2, ActivationKind.Softmax)], LossKind.CrossEntropy);

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Load_NaNInOptimizerState_NamesTensorAndIndex()
    {
        var state = new float[8];
        state[6] = float.NaN;
        var path = Save(Create(state, epoch: 2));

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path));

        Assert.Equal($"{path}: tensor 'optimizer.0' [6] is NaN", error.Message);
    }

    [Fact]
    public void Load_EpochZero_IsRejected()
    {
        var path = Save(Create(new float[8], epoch: 0));

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path));

        Assert.Equal(
            $"{path}: checkpoint metadata 'epoch' is 0; epochs count from 1", error.Message);
    }

    [Fact]
    public void Load_ValidCheckpoint_KeepsStateAndPosition()
    {
        var path = Save(Create([1, 2, 3, 4, 5, 6, 7, 8], epoch: 3));

        var loaded = Checkpoint.Load(path);

        Assert.Equal(3, loaded.Epoch);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], Assert.Single(loaded.OptimizerState));
    }

    private static Checkpoint Create(float[] state, int epoch) => new(
        new ModelFile(Network, new float[8], InputScaling.Unit, new Dictionary<string, string>()),
        [state],
        StepCount: 4,
        Epoch: epoch,
        Batch: 0,
        PartialLossSum: 0,
        PartialCorrect: 0,
        PartialSeen: 0,
        PartialSeconds: 0);

    private string Save(Checkpoint checkpoint)
    {
        var path = folder.PathOf("checkpoint.safetensors");
        checkpoint.Save(path, new Dictionary<string, string>());
        return path;
    }
}
