using Backprop.Jacobians;
using Backprop.Networks;
using Backprop.Tests.TestSupport;
using Backprop.Training;

namespace Backprop.Tests.Networks;

public sealed class ImageOutputCaseTests : IDisposable
{
    // A network whose last layer is a convolution: its output is an image, y nested.
    private const string Case = """
        {
          "network": {
            "input": [1, 3, 3],
            "layers": [{"type": "conv2d", "filters": 1, "kernel": [2, 2],
                        "activation": "sigmoid"}],
            "loss": "squared-error"
          },
          "parameters": {"K1": [[[[0.5, -0.25], [0.75, 0.1]]]], "b1": [0.2]},
          "x": [[[1, 2, 3], [4, 5, 6], [7, 8, 9]]],
          "y": [[[0.1, 0.9], [0.4, 0.6]]]
        }
        """;

    private readonly string path = Path.Combine(
        Path.GetTempPath(), $"image-output-{Guid.NewGuid():N}.json");

    public ImageOutputCaseTests() => File.WriteAllText(path, Case);

    public void Dispose() => File.Delete(path);

    [Fact]
    public void Load_NestedTargetForImageOutput_ReadsRowMajor()
    {
        var item = CaseFile.Load(path);

        Assert.Equal([0.1, 0.9, 0.4, 0.6], item.Y);
        Assert.Equal(4, item.Network.OutputSize);
    }

    [Fact]
    public void Engines_AgreeOnImageOutputNetwork()
    {
        var item = CaseFile.Load(path);

        var jacobian = JacobianEngine.Compute(item.Parameters, item.X, item.Y);
        var fast = FastGradient(item);

        ArrayAssert.Close(jacobian.ThetaGradient, fast, 1e-12, 1e-14, "gradient");
    }

    private static double[] FastGradient(CaseFile item)
    {
        var fast = new FastNetwork<double>(item.Network, 1);
        fast.LoadParameters(item.Parameters);
        fast.ComputeGradient(item.X, item.Y, 1);
        return fast.Gradient.ToArray();
    }
}
