using Backprop.Activations;
using Backprop.Losses;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Tests.Training;

public class TrainingDataTests
{
    private static readonly InputScaling Scaling = new(0.2860, 0.3530);

    // The vector conversion must give each byte its table entry bit for bit, at any length
    // (the vector loop and the scalar tail) and for any scaling.
    [Theory]
    [InlineData(0.0, 1.0, 256 * 3)]
    [InlineData(0.2860, 0.3530, 784 + 3)]
    [InlineData(0.1307, 0.3081, 7)]
    [InlineData(-3.5, 1e-3, 1)]
    [InlineData(0.5, 7.25, 0)]
    public void Convert_GivesEveryByteItsTableEntryBitForBit(
        double mean, double deviation, int length)
    {
        var scaling = new InputScaling(mean, deviation);
        var table = scaling.Table();
        var pixels = Enumerable.Range(0, length)
            .Select(i => (byte)((i * 181) + (i / 256)))
            .ToArray();
        var converted = new float[length];

        scaling.Convert(pixels, converted);

        for (var i = 0; i < length; i++)
        {
            Assert.Equal(
                BitConverter.SingleToInt32Bits(table[pixels[i]]),
                BitConverter.SingleToInt32Bits(converted[i]));
        }
    }

    [Fact]
    public void CopySamples_FromPixels_EqualsTheScaledFloats()
    {
        var pixels = Enumerable.Range(0, 5 * 12).Select(i => (byte)((i * 37) % 256)).ToArray();
        var labels = new byte[] { 0, 1, 2, 1, 0 };
        var floats = new float[pixels.Length];
        Scaling.Apply(pixels, floats);
        var data = new TrainingData(pixels, Scaling, labels, 12, 3);
        var copied = new float[3 * 12];

        data.CopySamples(1, 3, copied);

        Assert.Equal(floats.AsSpan(12, 36).ToArray(), copied);
        var one = new float[12];
        data.CopySample(4, one);
        Assert.Equal(floats.AsSpan(48, 12).ToArray(), one);
        Assert.Equal(floats, data.Inputs);
        Assert.Equal(Scaling.Table().Max(v => MathF.Abs(v)), data.InputBound);
        Assert.True(floats.All(v => MathF.Abs(v) <= data.InputBound));
        Assert.Null(new TrainingData(floats, labels, 12, 3).InputBound);
    }

    [Fact]
    public void Table_MatchesTheScalingFormulaForEveryByte()
    {
        var table = Scaling.Table();

        for (var p = 0; p < 256; p++)
        {
            var expected = (float)((p * (1.0 / (255.0 * Scaling.Deviation)))
                - (Scaling.Mean / Scaling.Deviation));
            Assert.Equal(expected, table[p]);
        }
    }

    [Fact]
    public void Constructor_PixelsOfWrongLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new TrainingData(new byte[11], Scaling, [0, 1], 6, 2));

        Assert.Contains("need 12", error.Message, StringComparison.Ordinal);
    }

    // Training reads samples through CopySample: data held as bytes trains to the same bits as
    // the same data held as floats, with and without shifted images, one shard and several.
    [Theory]
    [InlineData(16, 0)]
    [InlineData(64, 0)]
    [InlineData(64, 1)]
    public void Train_OnPixels_GivesTheSameThetaAsOnFloats(int batchSize, int maxShift)
    {
        const int count = 200;
        var rng = new Random(9);
        var pixels = new byte[count * 36];
        rng.NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(n => (byte)(pixels[n * 36] % 3)).ToArray();
        var floats = new float[pixels.Length];
        Scaling.Apply(pixels, floats);
        var network = new NetworkDescription(
            [36],
            [
                new DenseLayerDescription(20, ActivationKind.Relu),
                new DenseLayerDescription(3, ActivationKind.Softmax),
            ],
            LossKind.CrossEntropy);
        var shift = maxShift == 0
            ? null
            : new ImageShift(6, 6, maxShift, Scaling.Table()[0]);
        var options = new TrainingOptions(BatchSize: batchSize, Augmentation: shift);

        var fromBytes = new Trainer(network, options, count);
        var fromFloats = new Trainer(network, options, count);
        fromBytes.RunEpoch(new TrainingData(pixels, Scaling, labels, 36, 3), new EpochState(1));
        fromFloats.RunEpoch(new TrainingData(floats, labels, 36, 3), new EpochState(1));

        Assert.Equal(fromFloats.Engine.Theta, fromBytes.Engine.Theta);
    }
}
