using Backprop.Activations;
using Backprop.Losses;
using Backprop.Networks;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("backprop-train-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SgdStep_IsExactlyThetaMinusEtaGradient()
    {
        var optimizer = new Optimizer(OptimizerKind.Sgd, 3);
        float[] theta = [1f, -2f, 0.5f];
        float[] gradient = [0.5f, 1f, -4f];

        optimizer.Step(theta, gradient, 0.25f);

        Assert.Equal([1f - 0.125f, -2f - 0.25f, 0.5f + 1f], theta);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Momentum)]
    [InlineData(OptimizerKind.Adam)]
    public void Step_WithZeroGradient_ChangesNothing(OptimizerKind kind)
    {
        var optimizer = new Optimizer(kind, 2);
        float[] theta = [0.3f, -0.7f];

        optimizer.Step(theta, [0f, 0f], 0.1f);

        Assert.Equal([0.3f, -0.7f], theta);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Momentum)]
    [InlineData(OptimizerKind.Adam)]
    public void Training_OnSeparableData_LowersTheLoss(OptimizerKind kind)
    {
        var (network, data) = TinyProblem();
        var eta = kind == OptimizerKind.Sgd ? 0.5 : 0.05;
        var options = new TrainingOptions(
            Epochs: 20, BatchSize: 8, LearningRate: eta, Optimizer: kind);
        var trainer = new Trainer(network, options, data.Count);
        var before = Trainer.Evaluate(trainer.Engine, data).Loss;

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            trainer.RunEpoch(data, new EpochState(epoch));
        }

        var after = Trainer.Evaluate(trainer.Engine, data);
        Assert.True(after.Loss < before / 4, $"loss {before} -> {after.Loss}");
        Assert.Equal(1.0, after.Accuracy);
    }

    [Fact]
    public void ClipNorm_LimitsTheStepToEtaTimesTheNorm()
    {
        var (network, data) = TinyProblem();
        var options = new TrainingOptions(BatchSize: data.Count, LearningRate: 0.5, ClipNorm: 1e-3);
        var trainer = new Trainer(network, options, data.Count);
        var before = (float[])trainer.Engine.Theta.Clone();

        trainer.RunEpoch(data, new EpochState(1));

        var step = before.Zip(trainer.Engine.Theta, (a, b) => (double)(a - b) * (a - b)).Sum();
        Assert.Equal(0.5 * 1e-3, Math.Sqrt(step), 6);
    }

    [Fact]
    public void SameSeed_GivesBitIdenticalWeights()
    {
        var (network, data) = TinyProblem();
        var options = new TrainingOptions(Epochs: 3, BatchSize: 5, LearningRate: 0.3);

        var first = Train(network, data, options);
        var second = Train(network, data, options);

        Assert.Equal(first, second);
    }

    [Fact]
    public void ResumeFromCheckpoint_MidEpoch_GivesBitIdenticalWeights()
    {
        var (network, data) = TinyProblem();
        var options = new TrainingOptions(
            Epochs: 3, BatchSize: 5, LearningRate: 0.1, Optimizer: OptimizerKind.Adam);
        var uninterrupted = Train(network, data, options);

        // Stop in epoch 2 after two batches, save, load into a new trainer, finish.
        var trainer = new Trainer(network, options, data.Count);
        trainer.RunEpoch(data, new EpochState(1));
        var state = new EpochState(2);
        using (var stop = new CancellationTokenSource())
        {
            var batches = 0;
            var progress = new Progress(() =>
            {
                if (++batches == 2)
                {
                    stop.Cancel();
                }
            });
            Assert.False(trainer.RunEpoch(data, state, progress, stop.Token));
        }

        var path = Path.Combine(folder, "checkpoint.safetensors");
        Checkpoint.Capture(trainer, InputScaling.Unit, state)
            .Save(path, new Dictionary<string, string>());
        var loaded = Checkpoint.Load(path);
        var resumed = new Trainer(loaded.Model.Network, options, data.Count);
        var resumedState = loaded.RestoreInto(resumed, path);
        resumed.RunEpoch(data, resumedState);
        resumed.RunEpoch(data, new EpochState(3));

        Assert.Equal(2, loaded.Batch);
        Assert.Equal(uninterrupted, resumed.Engine.Theta);
    }

    [Fact]
    public void RunEpoch_HugeLearningRate_StopsNamingEpochAndBatch()
    {
        var (_, data) = TinyProblem();
        var network = new NetworkDescription(
            [4],
            [new DenseLayerDescription(2, ActivationKind.Identity)],
            LossKind.SquaredError);
        var options = new TrainingOptions(BatchSize: 5, LearningRate: 1e6);
        var trainer = new Trainer(network, options, data.Count);

        var error = Assert.Throws<TrainingDivergedException>(() =>
        {
            trainer.RunEpoch(data, new EpochState(1));
            trainer.RunEpoch(data, new EpochState(2));
        });

        Assert.Contains(
            $"epoch {error.Epoch}, batch {error.Batch}", error.Message, StringComparison.Ordinal);
    }

    // Sharded batches (64 samples: two shards) check the loss and every shard's ∇θ before the
    // pass that sums and applies them; θ is left as it was.
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void RunEpoch_ShardedBatchWithHugeInputs_StopsWithThetaUntouched(double clipNorm)
    {
        var rng = new Random(5);
        const int count = 128;
        var inputs = new float[count * 4];
        var labels = new byte[count];
        for (var n = 0; n < count; n++)
        {
            inputs[n * 4] = 3e38f;
            for (var i = 1; i < 4; i++)
            {
                inputs[(n * 4) + i] = (float)rng.NextDouble();
            }

            labels[n] = (byte)(n % 2);
        }

        var data = new TrainingData(inputs, labels, 4, 2);
        var network = new NetworkDescription(
            [4],
            [
                new DenseLayerDescription(8, ActivationKind.Relu),
                new DenseLayerDescription(2, ActivationKind.Softmax),
            ],
            LossKind.CrossEntropy);
        var options = new TrainingOptions(BatchSize: 64, ClipNorm: clipNorm);
        var trainer = new Trainer(network, options, data.Count);
        var before = (float[])trainer.Engine.Theta.Clone();

        var error = Assert.Throws<TrainingDivergedException>(
            () => trainer.RunEpoch(data, new EpochState(1)));

        Assert.Equal(2, trainer.ShardCountPerBatch);
        Assert.Equal((1, 1), (error.Epoch, error.Batch));
        Assert.Equal(before, trainer.Engine.Theta);
    }

    // A thread keeps one buffer for first-layer gradient blocks; a trainer with wider inputs
    // on the same thread must not find it too small.
    [Fact]
    public void RunEpoch_ShardedTrainersOfGrowingInputWidth_OnOneThread_Train()
    {
        var saved = Backprop.LinearAlgebra.Gemm.MaxThreads;
        try
        {
            Backprop.LinearAlgebra.Gemm.MaxThreads = 1;
            foreach (var inputs in new[] { 3, 40, 200 })
            {
                var rng = new Random(inputs);
                var x = Enumerable.Range(0, 128 * inputs)
                    .Select(_ => (float)rng.NextDouble()).ToArray();
                var labels = Enumerable.Range(0, 128).Select(n => (byte)(n % 2)).ToArray();
                var data = new TrainingData(x, labels, inputs, 2);
                var network = new NetworkDescription(
                    [inputs],
                    [
                        new DenseLayerDescription(20, ActivationKind.Relu),
                        new DenseLayerDescription(2, ActivationKind.Softmax),
                    ],
                    LossKind.CrossEntropy);
                var trainer = new Trainer(network, new TrainingOptions(BatchSize: 64), 128);

                Assert.True(trainer.RunEpoch(data, new EpochState(1)));
                Assert.Equal(2, trainer.ShardCountPerBatch);
            }
        }
        finally
        {
            Backprop.LinearAlgebra.Gemm.MaxThreads = saved;
        }
    }

    private static float[] Train(
        NetworkDescription network,
        TrainingData data,
        TrainingOptions options)
    {
        var trainer = new Trainer(network, options, data.Count);
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            trainer.RunEpoch(data, new EpochState(epoch));
        }

        return (float[])trainer.Engine.Theta.Clone();
    }

    private static (NetworkDescription Network, TrainingData Data) TinyProblem()
    {
        // Two classes separated by the sign of x₀ − x₁, 4 inputs.
        var rng = new Random(3);
        const int count = 32;
        var inputs = new float[count * 4];
        var labels = new byte[count];
        for (var n = 0; n < count; n++)
        {
            for (var i = 0; i < 4; i++)
            {
                inputs[(n * 4) + i] = (float)rng.NextDouble();
            }

            labels[n] = (byte)(inputs[n * 4] > inputs[(n * 4) + 1] ? 1 : 0);
            inputs[n * 4] += labels[n] == 1 ? 0.3f : -0.3f;
        }

        var network = new NetworkDescription(
            [4],
            [
                new DenseLayerDescription(6, ActivationKind.Tanh),
                new DenseLayerDescription(2, ActivationKind.Softmax),
            ],
            LossKind.CrossEntropy);
        return (network, new TrainingData(inputs, labels, 4, 2));
    }

    private sealed class Progress(Action onReport) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => onReport();
    }
}
