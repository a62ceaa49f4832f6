using Backprop.Activations;
using Backprop.Losses;
using Backprop.Networks;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private static readonly NetworkDescription Network = new(
        [3], [new DenseLayerDescription(2, ActivationKind.Softmax)], LossKind.CrossEntropy);

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Load_NaNWeight_NamesTensorAndIndices()
    {
        // θ is Vec order: W1 (3 × 2) column by column, so θ[5] is W1[2, 1].
        var theta = new float[8];
        theta[5] = float.NaN;
        var path = folder.PathOf("model.safetensors");
        ModelFile.Save(path, Network, theta, InputScaling.Unit);

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));

        Assert.Equal($"{path}: tensor 'W1' [2, 1] is NaN", error.Message);
    }

    [Fact]
    public void Load_InfiniteBias_NamesTensorAndIndex()
    {
        var theta = new float[8];
        theta[7] = float.NegativeInfinity;
        var path = folder.PathOf("model.safetensors");
        ModelFile.Save(path, Network, theta, InputScaling.Unit);

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));

        Assert.Equal($"{path}: tensor 'b1' [1] is -Infinity", error.Message);
    }

    [Theory]
    [InlineData("format", "pytorch", "the 'format' metadata is 'pytorch'")]
    [InlineData("format", null, "the 'format' metadata is missing")]
    [InlineData("input_scaling", null, "the metadata has no 'input_scaling'")]
    public void Load_EditedMetadata_IsRejected(string key, string? value, string message)
    {
        var path = folder.PathOf("model.safetensors");
        var metadata = new Dictionary<string, string>(
            ModelFile.BuildMetadata(Network, InputScaling.Unit, ModelFile.Format, null));
        if (value is null)
        {
            metadata.Remove(key);
        }
        else
        {
            metadata[key] = value;
        }

        SafetensorsFile.Write(
            path,
            [
                SafetensorsTensor.Create("W1", [3, 2], new float[6]),
                SafetensorsTensor.Create("b1", [2], new float[2]),
            ],
            metadata);

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_F64WeightBeyondFloat32_IsRejectedNotTurnedIntoInfinity()
    {
        var w = new double[6];
        w[1] = 1e300;
        var path = folder.PathOf("model.safetensors");
        var metadata = ModelFile.BuildMetadata(Network, InputScaling.Unit, ModelFile.Format, null);
        SafetensorsFile.Write(
            path,
            [
                SafetensorsTensor.Create("W1", [3, 2], w),
                SafetensorsTensor.Create("b1", [2], new float[2]),
            ],
            metadata);

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));

        Assert.Equal($"{path}: tensor 'W1' [0, 1] is 1E+300, beyond the float32 range",
            error.Message);
    }

    [Fact]
    public void Load_FiniteWeights_RoundTrip()
    {
        float[] theta = [1, 2, 3, 4, 5, 6, 7, 8];
        var path = folder.PathOf("model.safetensors");
        ModelFile.Save(path, Network, theta, InputScaling.Unit);

        Assert.Equal(theta, ModelFile.Load(path).Theta);
    }
}
