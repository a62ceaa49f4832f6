using Backprop.Activations;
using Backprop.Jacobians;
using Backprop.Losses;
using Backprop.Networks;
using Backprop.Tests.TestSupport;

namespace Backprop.Tests.Jacobians;

public class JacobianMemoryTests
{
    [Fact]
    public void Estimate_PaperNetwork_ListsEveryFactorWithItsShape()
    {
        var network = TestCases.Load("02-two-layer-relu-softmax-ce.json").Network;

        var estimate = JacobianMemory.Estimate(network);

        (string, long, long, long)[] expected =
        [
            ("(W^[1])ᵀ", 5, 4, 20), ("D^[1]", 5, 5, 5), ("J_{z^[1]} z^[L]", 3, 5, 15),
            ("(W^[2])ᵀ", 3, 5, 15), ("D^[2] (softmax)", 3, 3, 9), ("J_{z^[2]} z^[L]", 3, 3, 9),
            ("chain · J_a z", 3, 5, 15), ("J_θ z^[L]", 3, 43, 129), ("∇θ ℓ", 43, 1, 43),
        ];
        Assert.Equal(expected, estimate.Parts.Select(p => (p.Name, p.Rows, p.Columns, p.Entries)));
        Assert.Equal(8.0 * 260, estimate.Bytes);
        Assert.Equal("J_θ z^[L]", estimate.Largest.Name);
    }

    [Fact]
    public void Estimate_Convolution_CountsToeplitzEntriesAndPatches()
    {
        var conv = new Conv2dLayerDescription(
            2, new Size2d(3, 3), new Size2d(1, 1), new Size2d(0, 0), ActivationKind.Relu);
        var network = new NetworkDescription(
            [1, 5, 5],
            [
                conv,
                new FlattenLayerDescription(),
                new DenseLayerDescription(3, ActivationKind.Softmax),
            ],
            LossKind.CrossEntropy);

        var parts = JacobianMemory.Estimate(network).Parts;

        var teop = Assert.Single(parts, p => p.Name == "Teop(K^[1])");
        Assert.Equal(
            (18L, 25L, 162L, 36),
            (teop.Rows, teop.Columns, teop.Entries, teop.BytesPerEntry));
        var patches = Assert.Single(parts, p => p.Name == "patches of layer 1");
        Assert.Equal(81, patches.Entries);
    }

    [Theory]
    [InlineData("03-lenet-300-100.json")]
    [InlineData("10-deep-five-layer-mixed.json")]
    [InlineData("08-conv-paper-3x3-2x2.json")]
    public void Estimate_IsCloseToWhatComputeAllocates(string name)
    {
        var item = TestCases.Load(name);
        var estimate = JacobianMemory.Estimate(item.Network);
        JacobianEngine.Compute(item.Parameters, item.X, item.Y);

        var before = GC.GetAllocatedBytesForCurrentThread();
        JacobianEngine.Compute(item.Parameters, item.X, item.Y);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, estimate.Bytes / 3, estimate.Bytes * 1.25 + 65536);
    }

    [Fact]
    public void Estimate_ConvolutionalNetwork_IsCloseToWhatComputeAllocates()
    {
        var same = new Size2d(1, 1);
        var network = new NetworkDescription(
            [1, 28, 28],
            [
                new Conv2dLayerDescription(
                    6, new Size2d(5, 5), same, new Size2d(2, 2), ActivationKind.Relu),
                new MaxPool2dLayerDescription(new Size2d(2, 2), new Size2d(2, 2)),
                new FlattenLayerDescription(),
                new DenseLayerDescription(10, ActivationKind.Softmax),
            ],
            LossKind.CrossEntropy);
        var parameters = new NetworkParameters(network);
        var x = Enumerable.Range(0, 784).Select(i => (i % 7) * 0.1).ToArray();
        double[] y = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
        var estimate = JacobianMemory.Estimate(network);
        JacobianEngine.Compute(parameters, x, y);

        var before = GC.GetAllocatedBytesForCurrentThread();
        JacobianEngine.Compute(parameters, x, y);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, estimate.Bytes / 3, estimate.Bytes * 1.25);
    }

    [Fact]
    public void Compute_FactorLargerThanOneArray_ThrowsBeforeAllocating()
    {
        // 40,000 outputs of one input: J_θ z^[L] is 40,000 × 80,000 = 3.2e9 entries.
        var network = new NetworkDescription(
            [1], [new DenseLayerDescription(40_000, ActivationKind.Identity)],
            LossKind.SquaredError);
        var parameters = new NetworkParameters(network);
        var y = new double[40_000];

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InsufficientMemoryException>(() => JacobianEngine.Compute(
            parameters, [1.0], y, maxEntries: long.MaxValue));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(
            "J_θ z^[L] would be 40000 × 80000", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than one array holds", error.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 10_000_000);
    }
}
