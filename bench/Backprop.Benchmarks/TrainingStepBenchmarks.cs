using Backprop.LinearAlgebra;
using Backprop.Networks;
using Backprop.Training;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks;

/// <summary>
/// Whole training steps (gather, gradient, finiteness check, SGD update) of LeNet-300-100 and
/// LeNet-5, and one sample's gradient in float, on 1 and 2 threads.
/// </summary>
/// <remarks>Each call runs one epoch over a set of exactly one batch of 64 random images, so
/// it times one step as <c>backprop train</c> takes it.</remarks>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private Trainer trainer = null!;
    private TrainingData data = null!;
    private FastNetwork<float> single = null!;
    private float[] x = null!;
    private float[] y = null!;
    private int epoch;

    [Params("lenet-300-100", "lenet-5")]
    public string Model { get; set; } = "lenet-300-100";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Gemm.MaxThreads = Threads;
        var network = ModelCatalog.TryCreate(Model, 28, 28, 10)!;
        var rng = new Random(1);
        var inputs = new float[64 * 784];
        var labels = new byte[64];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)rng.NextDouble();
        }

        for (var n = 0; n < labels.Length; n++)
        {
            labels[n] = (byte)(n % 10);
        }

        data = new TrainingData(inputs, labels, 784, 10);
        trainer = new Trainer(network, new TrainingOptions(BatchSize: 64, LearningRate: 0.01), 64);
        single = new FastNetwork<float>(network, 1);
        single.LoadParameters(Initializer.Create(network, 1));
        x = inputs[..784];
        y = new float[10];
        y[labels[0]] = 1;
    }

    /// <summary>One SGD step on a batch of 64.</summary>
    [Benchmark]
    public bool Step() => trainer.RunEpoch(data, new EpochState(++epoch));

    /// <summary>One sample's full gradient in float.</summary>
    [Benchmark]
    public float SingleSampleGradient() => single.ComputeGradient(x, y, 1);
}
