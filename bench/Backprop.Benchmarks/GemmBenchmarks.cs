using Backprop.LinearAlgebra;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks;

/// <summary>The matrix products of a LeNet-300-100 training step, one shape at a time.</summary>
/// <remarks>The GFLOP/s column is 2·m·k·n divided by the mean time.</remarks>
[MemoryDiagnoser]
[Config(typeof(GflopsConfig))]
public class GemmBenchmarks
{
    private float[] A = [];
    private float[] B = [];
    private float[] C = [];

    public static IEnumerable<GemmShape> Shapes => GemmShape.Training;

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = GemmShape.Training[0];

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        A = new float[Shape.M * Shape.K];
        B = new float[Shape.K * Shape.N];
        C = new float[Shape.M * Shape.N];
        for (var i = 0; i < A.Length; i++)
        {
            A[i] = (float)(rng.NextDouble() - 0.5);
        }

        for (var i = 0; i < B.Length; i++)
        {
            B[i] = (float)(rng.NextDouble() - 0.5);
        }

        Gemm.MaxThreads = Threads;
    }

    [Benchmark]
    public float Product()
    {
        var (m, k, n) = (Shape.M, Shape.K, Shape.N);
        switch (Shape.Layout)
        {
            case "NT":
                Gemm.MultiplyTransposedB<float>(A, B, C, m, k, n);
                break;
            case "TN":
                Gemm.MultiplyTransposedA<float>(A, B, C, m, k, n);
                break;
            default:
                Gemm.Multiply<float>(A, B, C, m, k, n);
                break;
        }

        return C[0];
    }
}
