using Backprop.Jacobians;
using Backprop.Networks;
using Backprop.Training;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks;

/// <summary>LeNet-300-100: the explicit J_θ z^[L] of one sample, and gradient steps.</summary>
[MemoryDiagnoser]
public class LenetBenchmarks
{
    private CaseFile item = null!;
    private FastNetwork<double> single = null!;
    private FastNetwork<float> batch = null!;
    private float[] x = null!;
    private float[] y = null!;

    [GlobalSetup]
    public void Setup()
    {
        item = CaseFile.Load(Path.Combine(AppContext.BaseDirectory, "lenet-300-100.json"));
        single = new FastNetwork<double>(item.Network, 1);
        single.LoadParameters(item.Parameters);
        batch = new FastNetwork<float>(item.Network, 64);
        batch.LoadParameters(item.Parameters);
        var rng = new Random(1);
        x = new float[64 * 784];
        y = new float[64 * 10];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)rng.NextDouble();
        }

        for (var n = 0; n < 64; n++)
        {
            y[(n * 10) + (n % 10)] = 1;
        }
    }

    /// <summary>Algorithm 1 with every factor and the 10 × 266,610 J_θ z^[L].</summary>
    [Benchmark]
    public int ExplicitThetaJacobian() =>
        JacobianEngine.Compute(item.Parameters, item.X, item.Y).ThetaJacobian.Columns;

    /// <summary>One sample's full gradient on the fast engine, in double.</summary>
    [Benchmark]
    public double SingleSampleGradient() => single.ComputeGradient(item.X, item.Y, 1);

    /// <summary>One training step's gradient for a batch of 64, in float.</summary>
    [Benchmark]
    public float Batch64Gradient() => batch.ComputeGradient(x, y, 64);
}
