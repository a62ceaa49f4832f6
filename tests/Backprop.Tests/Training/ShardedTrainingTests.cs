using Backprop.Activations;
using Backprop.LinearAlgebra;
using Backprop.Losses;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Tests.Training;

public sealed class ShardedTrainingTests
{
    [Theory]
    [InlineData(16, 1)]
    [InlineData(32, 1)]
    [InlineData(63, 1)]
    [InlineData(64, 2)]
    [InlineData(100, 3)]
    [InlineData(256, 8)]
    [InlineData(4096, 8)]
    public void ShardCount_DependsOnTheBatchSizeOnly(int batchSize, int expected)
    {
        var (network, data) = Problem(5000);
        var options = new TrainingOptions(BatchSize: batchSize);

        var trainer = new Trainer(network, options, data.Count);

        Assert.Equal(expected, trainer.ShardCountPerBatch);
    }

    // One batch of 64 samples in 2 shards, SGD: θ₁ = θ₀ − η ∇θ of the batch's mean loss,
    // with ∇θ computed here in double precision in one piece. A first layer of 40 units is
    // three blocks, computed over the whole batch in parts on two threads.
    [Theory]
    [InlineData(16)]
    [InlineData(40)]
    public void ShardedStep_IsThetaMinusEtaTimesTheWholeBatchGradient(int hiddenUnits)
    {
        var (network, data) = Problem(64, hiddenUnits);
        const double eta = 0.5;
        var saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 2;
            var trainer = new Trainer(
                network, new TrainingOptions(BatchSize: 64, LearningRate: eta), data.Count);
            Assert.Equal(2, trainer.ShardCountPerBatch);
            var before = trainer.Engine.Theta.Select(v => (double)v).ToArray();
            var whole = new FastNetwork<double>(network, 64);
            before.CopyTo(whole.Theta, 0);
            var inputs = data.Inputs.Select(v => (double)v).ToArray();
            var targets = new double[64 * 3];
            var target = new float[3];
            for (var n = 0; n < 64; n++)
            {
                data.Target(n, target);
                for (var k = 0; k < 3; k++)
                {
                    targets[(n * 3) + k] = target[k];
                }
            }

            whole.ComputeGradient(inputs, targets, 64);
            trainer.RunEpoch(data, new EpochState(1));

            for (var i = 0; i < before.Length; i++)
            {
                var expected = before[i] - (eta * whole.Gradient[i]);
                Assert.True(
                    Math.Abs(trainer.Engine.Theta[i] - expected) <= 1e-5 * (1 + Math.Abs(expected)),
                    $"θ[{i}] = {trainer.Engine.Theta[i]}, expected {expected}");
            }
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    // A first layer of 40 units is three blocks, computed over the whole batch in as many
    // parts as threads (and by each shard itself when a last batch is too small for that).
    [Theory]
    [InlineData(64, 129, 16)] // batches of 64, 64 and a last one of 1 sample
    [InlineData(64, 200, 16)] // a last batch of 8 samples, 4 in each shard
    [InlineData(100, 300, 16)] // 3 shards
    [InlineData(256, 600, 16)] // 8 shards
    [InlineData(64, 128, 40)]
    [InlineData(64, 140, 40)] // a last batch of 12 samples, 6 in each shard
    [InlineData(96, 300, 40)] // 3 shards
    public void Sharded_GivesBitIdenticalWeights_AtAnyThreadCount(
        int batchSize, int count, int hiddenUnits)
    {
        var (network, data) = Problem(count, hiddenUnits);
        var options = new TrainingOptions(Epochs: 2, BatchSize: batchSize, LearningRate: 0.2,
            Optimizer: OptimizerKind.Momentum);

        var one = Train(network, data, options, threads: 1);
        var two = Train(network, data, options, threads: 2);
        var three = Train(network, data, options, threads: 3);

        Assert.Equal(one, two);
        Assert.Equal(one, three);
    }

    [Fact]
    public void Sharded_OnSeparableData_LowersTheLoss()
    {
        var (network, data) = Problem(512);
        var options = new TrainingOptions(Epochs: 15, BatchSize: 64, LearningRate: 0.5);
        var trainer = new Trainer(network, options, data.Count);
        var before = Trainer.Evaluate(trainer.Engine, data);

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            trainer.RunEpoch(data, new EpochState(epoch));
        }

        var after = Trainer.Evaluate(trainer.Engine, data);
        Assert.True(after.Loss < before.Loss / 3, $"loss {before.Loss} -> {after.Loss}");
        Assert.True(after.Accuracy > 0.95, $"accuracy {after.Accuracy}");
    }

    [Fact]
    public void Sharded_EpochAccuracy_CountsEverySample()
    {
        // With η = 0 nothing changes, so the epoch's running accuracy equals an evaluation.
        var (network, data) = Problem(200);
        var trainer = new Trainer(network, new TrainingOptions(BatchSize: 64, LearningRate: 0),
            data.Count);
        var state = new EpochState(1);

        trainer.RunEpoch(data, state);

        Assert.Equal(200, state.Seen);
        var evaluation = Trainer.Evaluate(trainer.Engine, data);
        Assert.Equal(evaluation.Accuracy, (double)state.Correct / state.Seen, 12);
        Assert.Equal(evaluation.Loss, state.MeanLoss, 5);
    }

    [Theory]
    [InlineData(16)] // one shard, products split over threads
    [InlineData(64)] // two shards
    public void RunEpoch_AfterTheFirst_AllocatesNothingPerBatch(int batchSize)
    {
        var (network, data) = Problem(batchSize * 50);
        var options = new TrainingOptions(BatchSize: batchSize, LearningRate: 0.1,
            Optimizer: OptimizerKind.Adam);
        var saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 1;
            var trainer = new Trainer(network, options, data.Count);
            trainer.RunEpoch(data, new EpochState(1));
            var state = new EpochState(2);

            var before = GC.GetAllocatedBytesForCurrentThread();
            trainer.RunEpoch(data, state);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // The epoch's shuffle generator only: a few hundred bytes for 50 batches.
            Assert.True(allocated < 1024, $"{allocated} bytes allocated in 50 batches");
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    private static float[] Train(
        NetworkDescription network,
        TrainingData data,
        TrainingOptions options,
        int threads)
    {
        var saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = threads;
            var trainer = new Trainer(network, options, data.Count);
            for (var epoch = 1; epoch <= options.Epochs; epoch++)
            {
                trainer.RunEpoch(data, new EpochState(epoch));
            }

            return (float[])trainer.Engine.Theta.Clone();
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    private static (NetworkDescription Network, TrainingData Data) Problem(
        int count, int hiddenUnits = 16)
    {
        // Three classes by which of the first three inputs is largest, 12 inputs.
        var rng = new Random(11);
        var inputs = new float[count * 12];
        var labels = new byte[count];
        for (var n = 0; n < count; n++)
        {
            for (var i = 0; i < 12; i++)
            {
                inputs[(n * 12) + i] = (float)rng.NextDouble();
            }

            var row = inputs.AsSpan(n * 12, 3);
            labels[n] = (byte)System.Numerics.Tensors.TensorPrimitives.IndexOfMax<float>(row);
            row[labels[n]] += 0.5f;
        }

        var network = new NetworkDescription(
            [12],
            [
                new DenseLayerDescription(hiddenUnits, ActivationKind.Relu),
                new DenseLayerDescription(3, ActivationKind.Softmax),
            ],
            LossKind.CrossEntropy);
        return (network, new TrainingData(inputs, labels, 12, 3));
    }
}
