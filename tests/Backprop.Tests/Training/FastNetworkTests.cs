using Backprop.Tests.TestSupport;
using Backprop.Training;

namespace Backprop.Tests.Training;

public class FastNetworkTests
{
    public static TheoryData<string> AllCases => TestCases.All();

    [Theory]
    [MemberData(nameof(AllCases))]
    public void ComputeGradient_Double_MatchesGoldenCase(string name)
    {
        var item = TestCases.Load(name);
        var (loss, theta) = TestCases.Expected(name);
        var fast = new FastNetwork<double>(item.Network, 1);
        fast.LoadParameters(item.Parameters);

        var actual = fast.ComputeGradient(item.X, item.Y, 1);

        ArrayAssert.Close([loss], [actual], 1e-9, 1e-12, "loss");
        ArrayAssert.Close(theta, fast.Gradient, 1e-9, 1e-12, "theta_gradient");
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void ComputeGradient_Float_MatchesDoubleWithinFloatTolerance(string name)
    {
        var item = TestCases.Load(name);
        var (_, theta) = TestCases.Expected(name);
        var fast = new FastNetwork<float>(item.Network, 1);
        fast.LoadParameters(item.Parameters);
        var x = item.X.Select(v => (float)v).ToArray();
        var y = item.Y.Select(v => (float)v).ToArray();

        fast.ComputeGradient(x, y, 1);

        var scale = theta.Max(Math.Abs);
        var actual = fast.Gradient.ToArray().Select(v => (double)v).ToArray();
        ArrayAssert.Close(theta, actual, 1e-3, 1e-4 * scale);
    }

    [Fact]
    public void ComputeGradient_Batch_IsMeanOfSampleGradients()
    {
        var item = TestCases.Load("10-deep-five-layer-mixed.json");
        var network = item.Network;
        var rng = new Random(7);
        var x = Enumerable.Range(0, 3 * network.InputSize)
            .Select(_ => rng.NextDouble() - 0.5).ToArray();
        var y = Enumerable.Range(0, 3 * network.OutputSize).Select(_ => rng.NextDouble()).ToArray();
        var batched = new FastNetwork<double>(network, 3);
        batched.LoadParameters(item.Parameters);
        var single = new FastNetwork<double>(network, 1);
        single.LoadParameters(item.Parameters);
        var mean = new double[network.ParameterCount];
        var meanLoss = 0.0;

        for (var n = 0; n < 3; n++)
        {
            meanLoss += single.ComputeGradient(
                x.AsSpan(n * network.InputSize, network.InputSize),
                y.AsSpan(n * network.OutputSize, network.OutputSize),
                1) / 3;
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += single.Gradient[i] / 3;
            }
        }

        var loss = batched.ComputeGradient(x, y, 3);

        ArrayAssert.Close([meanLoss], [loss], 1e-12, 0, "loss");
        ArrayAssert.Close(mean, batched.Gradient, 1e-10, 1e-14, "gradient");
    }

    // From 16 float samples (8 double) a dense layer's forward product is computed transposed;
    // the gradient is still the mean of the samples' gradients, which use the other form.
    [Theory]
    [InlineData(16)]
    [InlineData(33)]
    public void ComputeGradient_TransposedForwardBatch_IsMeanOfSampleGradients(int count)
    {
        var item = TestCases.Load("10-deep-five-layer-mixed.json");
        var network = item.Network;
        var rng = new Random(11);
        var x = Enumerable.Range(0, count * network.InputSize)
            .Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var y = Enumerable.Range(0, count * network.OutputSize)
            .Select(_ => (float)rng.NextDouble()).ToArray();
        var batched = new FastNetwork<float>(network, count);
        batched.LoadParameters(item.Parameters);
        var single = new FastNetwork<float>(network, 1);
        single.LoadParameters(item.Parameters);
        var mean = new double[network.ParameterCount];
        var meanLoss = 0.0;

        for (var n = 0; n < count; n++)
        {
            meanLoss += single.ComputeGradient(
                x.AsSpan(n * network.InputSize, network.InputSize),
                y.AsSpan(n * network.OutputSize, network.OutputSize),
                1) / count;
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += single.Gradient[i] / (double)count;
            }
        }

        var loss = batched.ComputeGradient(x, y, count);
        var gradient = Array.ConvertAll(batched.Gradient.ToArray(), v => (double)v);

        ArrayAssert.Close([meanLoss], [loss], 1e-5, 0, "loss");
        ArrayAssert.Close(mean, gradient, 1e-4, 1e-6, "gradient");
    }

    // One to four samples through a large dense layer are split by units over threads
    // (forward and weight gradient); every entry keeps its summation order.
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ComputeGradient_FewSamples_IsBitIdenticalForAnyThreadCount(int count)
    {
        var network = Backprop.Networks.ModelCatalog.TryCreate("lenet-300-100", 784, 10)!;
        var parameters = Initializer.Create(network, 3);
        var rng = new Random(4);
        var x = Enumerable.Range(0, count * 784).Select(_ => (float)rng.NextDouble()).ToArray();
        var y = new float[count * 10];
        for (var n = 0; n < count; n++)
        {
            y[(n * 10) + (n % 10)] = 1;
        }

        var saved = Backprop.LinearAlgebra.Gemm.MaxThreads;
        try
        {
            var results = new List<(float Loss, float[] Gradient, float[] Logits)>();
            foreach (var threads in new[] { 1, 2, 3 })
            {
                Backprop.LinearAlgebra.Gemm.MaxThreads = threads;
                var engine = new FastNetwork<float>(network, count);
                engine.LoadParameters(parameters);
                var loss = engine.ComputeGradient(x, y, count);
                results.Add((loss, engine.Gradient.ToArray(), engine.Logits(x, count).ToArray()));
            }

            foreach (var other in results.Skip(1))
            {
                Assert.Equal(results[0].Loss, other.Loss);
                Assert.Equal(results[0].Gradient, other.Gradient);
                Assert.Equal(results[0].Logits, other.Logits);
            }

            Assert.Contains(results[0].Gradient, g => g != 0);
        }
        finally
        {
            Backprop.LinearAlgebra.Gemm.MaxThreads = saved;
        }
    }

    // A few-sample gradient leaves the rows of dead ReLU units alone when the last call left
    // zeros there. Whatever came before (other few-sample calls, a whole-batch call that wrote
    // every row, the trainer writing into ∇θ), each result must equal a fresh engine's, bit
    // for bit.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ComputeGradient_AfterAnyEarlierCall_EqualsAFreshEngine(int threads)
    {
        var network = Backprop.Networks.ModelCatalog.TryCreate("lenet-300-100", 784, 10)!;
        var parameters = Initializer.Create(network, 5);
        var rng = new Random(6);
        var x = Enumerable.Range(0, 8 * 784).Select(_ => (float)(rng.NextDouble() - 0.4)).ToArray();
        var y = new float[8 * 10];
        for (var n = 0; n < 8; n++)
        {
            y[(n * 10) + rng.Next(10)] = 1;
        }

        var saved = Backprop.LinearAlgebra.Gemm.MaxThreads;
        try
        {
            Backprop.LinearAlgebra.Gemm.MaxThreads = threads;
            var engine = new FastNetwork<float>(network, 8);
            engine.LoadParameters(parameters);
            // (first sample, count); the updates write into ∇θ as a trainer does.
            (int First, int Count, bool Update)[] calls =
            [
                (0, 1, false), (1, 1, false), (2, 3, false), (0, 1, false), (0, 8, false),
                (3, 1, false), (4, 1, true), (4, 1, false), (5, 2, true), (5, 2, false),
                (0, 1, false), (7, 1, false),
            ];
            foreach (var (first, count, update) in calls)
            {
                var input = x.AsSpan(first * 784, count * 784);
                var target = y.AsSpan(first * 10, count * 10);
                var loss = engine.ComputeGradient(input, target, count);
                var fresh = new FastNetwork<float>(network, count);
                fresh.LoadParameters(parameters);
                var expected = fresh.ComputeGradient(input, target, count);

                Assert.Equal(expected, loss);
                Assert.Equal(Bits(fresh.Gradient), Bits(engine.Gradient));
                if (update)
                {
                    engine.GradientForUpdate.AsSpan().Fill(0.25f);
                }
            }
        }
        finally
        {
            Backprop.LinearAlgebra.Gemm.MaxThreads = saved;
        }
    }

    [Fact]
    public void ComputeGradient_BatchAboveCapacity_Throws()
    {
        var item = TestCases.Load("01-one-layer-softmax-ce.json");
        var fast = new FastNetwork<double>(item.Network, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            fast.ComputeGradient(new double[8], new double[6], 2));
    }

    [Fact]
    public void ComputeGradient_SingleThread_AllocatesNothingAfterFirstStep()
    {
        var item = TestCases.Load("03-lenet-300-100.json");
        var fast = new FastNetwork<float>(item.Network, 1);
        fast.LoadParameters(item.Parameters);
        var x = item.X.Select(v => (float)v).ToArray();
        var y = item.Y.Select(v => (float)v).ToArray();
        var saved = Backprop.LinearAlgebra.Gemm.MaxThreads;
        try
        {
            Backprop.LinearAlgebra.Gemm.MaxThreads = 1;
            for (var warmUp = 0; warmUp < 5; warmUp++)
            {
                fast.ComputeGradient(x, y, 1);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var step = 0; step < 10; step++)
            {
                fast.ComputeGradient(x, y, 1);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
        }
        finally
        {
            Backprop.LinearAlgebra.Gemm.MaxThreads = saved;
        }
    }

    [Fact]
    public void LoadParameters_ThenTheta_IsVecOrder()
    {
        var item = TestCases.Load("02-two-layer-relu-softmax-ce.json");
        var fast = new FastNetwork<double>(item.Network, 1);

        fast.LoadParameters(item.Parameters);

        Assert.Equal(item.Parameters.ToTheta(), fast.Theta);
        Assert.Equal(item.Parameters.Values("W1")[1], fast.Theta[4]);
    }


    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }

        return bits;
    }
}
