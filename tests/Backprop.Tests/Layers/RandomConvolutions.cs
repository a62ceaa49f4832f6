using Backprop.Layers;
using Backprop.Networks;

namespace Backprop.Tests.Layers;

/// <summary>Random convolution shapes and values for property tests, from a seed.</summary>
internal sealed record RandomConvolution(
    ConvolutionGeometry Geometry,
    int Filters,
    double[] K,
    double[] B,
    double[] X)
{
    public int OutputSize => Filters * Geometry.OutputArea;

    public static RandomConvolution Create(int seed)
    {
        var rng = new Random(seed);
        var channels = rng.Next(1, 4);
        var rows = rng.Next(1, 8);
        var columns = rng.Next(1, 8);
        var padding = new Size2d(rng.Next(0, 3), rng.Next(0, 3));
        var kernel = new Size2d(
            rng.Next(1, Math.Min(5, rows + (2 * padding.Rows)) + 1),
            rng.Next(1, Math.Min(5, columns + (2 * padding.Columns)) + 1));
        var stride = new Size2d(rng.Next(1, 4), rng.Next(1, 4));
        var g = new ConvolutionGeometry(channels, rows, columns, kernel, stride, padding);
        var filters = rng.Next(1, 4);
        return new RandomConvolution(
            g,
            filters,
            Values(rng, filters * g.PatchSize),
            Values(rng, filters),
            Values(rng, g.InputSize));
    }

    public static double[] Values(Random rng, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (rng.NextDouble() * 2) - 1;
        }

        return values;
    }

    public static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    public override string ToString() =>
        $"{Filters} filters over {Geometry}";
}
