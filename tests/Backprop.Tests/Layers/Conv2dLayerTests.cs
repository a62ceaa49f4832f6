using Backprop.Jacobians;
using Backprop.Layers;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using Backprop.Tests.TestSupport;
using CsCheck;

namespace Backprop.Tests.Layers;

public sealed class Conv2dLayerTests
{
    [Fact]
    public void Forward_EqualsToeplitzTimesFlattenedInputExactly()
    {
        // conv(X, K) = Teop(K) · flatten(X) + b, bit for bit in double: both sum the same
        // products in the same order, and Teop's zeros add nothing.
        Gen.Int.Sample(seed =>
        {
            var item = RandomConvolution.Create(seed);
            var direct = new double[item.OutputSize];
            Conv2dLayer.Forward(item.X, item.K, item.B, item.Geometry, direct);

            var T = ToeplitzFactor.Create(item.K, item.Geometry).ToMatrix();
            var viaToeplitz = new double[item.OutputSize];
            for (var row = 0; row < T.Rows; row++)
            {
                var sum = 0.0;
                for (var column = 0; column < T.Columns; column++)
                {
                    sum += T[row, column] * item.X[column];
                }

                viaToeplitz[row] = sum + item.B[row / item.Geometry.OutputArea];
            }

            Assert.Equal(viaToeplitz, direct);
        }, iter: 300);
    }

    [Fact]
    public void Im2colProduct_EqualsToeplitzProduct()
    {
        // The fast engine's lowering Z = K · im2col(X) gives Teop(K) Vec(X).
        Gen.Int.Sample(seed =>
        {
            var item = RandomConvolution.Create(seed);
            var g = item.Geometry;
            var P = new double[g.PatchSize * g.OutputArea];
            Conv2dLayer.Im2col<double>(item.X, g, P);
            var Z = new double[item.OutputSize];
            Gemm.Multiply<double>(item.K, P, Z, item.Filters, g.PatchSize, g.OutputArea);

            var expected = ToeplitzFactor.Create(item.K, g).Apply(item.X);

            ArrayAssert.Close(expected, Z, 1e-12, 1e-14, item.ToString());
        }, iter: 300);
    }

    [Fact]
    public void Im2col_UnitStride_CopiesEveryEntryOfItsDefinition()
    {
        // Stride 1 copies whole vectors per run (the last overlapping); images wide enough for
        // several vectors of floats, with and without padding.
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var (rows, columns) = (rng.Next(1, 31), rng.Next(1, 31));
            var padding = new Size2d(rng.Next(0, 4), rng.Next(0, 4));
            var kernel = new Size2d(
                rng.Next(1, Math.Min(6, rows + (2 * padding.Rows)) + 1),
                rng.Next(1, Math.Min(6, columns + (2 * padding.Columns)) + 1));
            var g = new ConvolutionGeometry(
                rng.Next(1, 4), rows, columns, kernel, new Size2d(1, 1), padding);
            var x = Array.ConvertAll(RandomConvolution.Values(rng, g.InputSize), v => (float)v);
            var P = new float[g.PatchSize * g.OutputArea];
            Array.Fill(P, float.NaN);

            Conv2dLayer.Im2col<float>(x, g, P);

            for (var row = 0; row < g.PatchSize; row++)
            {
                var (c, p, q) = (row / kernel.Area, row / kernel.Columns % kernel.Rows,
                    row % kernel.Columns);
                for (var column = 0; column < g.OutputArea; column++)
                {
                    var y = (column / g.OutputColumns) + p - padding.Rows;
                    var xColumn = (column % g.OutputColumns) + q - padding.Columns;
                    var inside = y >= 0 && y < rows && xColumn >= 0 && xColumn < columns;
                    var expected = inside ? x[(((c * rows) + y) * columns) + xColumn] : 0f;
                    Assert.True(
                        P[(row * g.OutputArea) + column] == expected,
                        $"seed {seed}, {g}: row {row}, column {column}");
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void InputBackward_SatisfiesTransposeIdentity()
    {
        // v · (Teop(K) u) = (col2im(Kᵀ v)) · u: the fast backward is the transpose of forward.
        Gen.Int.Sample(seed =>
        {
            var item = RandomConvolution.Create(seed);
            var g = item.Geometry;
            var rng = new Random(seed);
            var u = RandomConvolution.Values(rng, g.InputSize);
            var v = RandomConvolution.Values(rng, item.OutputSize);
            var Ju = new double[item.OutputSize];
            Conv2dLayer.Forward(u, item.K, new double[item.Filters], g, Ju);

            var dP = new double[g.PatchSize * g.OutputArea];
            Gemm.MultiplyTransposedA<double>(
                item.K, v, dP, g.PatchSize, item.Filters, g.OutputArea);
            var JTv = new double[g.InputSize];
            Conv2dLayer.Col2imAdd<double>(dP, g, JTv);

            var left = RandomConvolution.Dot(v, Ju);
            var right = RandomConvolution.Dot(JTv, u);
            ArrayAssert.Close([left], [right], 1e-12, 1e-12, $"{item}: v·(Ju) vs (Jᵀv)·u");
        }, iter: 300);
    }

    [Fact]
    public void KernelBackward_SatisfiesTransposeIdentity()
    {
        // v · (conv(X, U)) = (v Pᵀ) · U for a kernel direction U: dK = dZ Pᵀ.
        Gen.Int.Sample(seed =>
        {
            var item = RandomConvolution.Create(seed);
            var g = item.Geometry;
            var rng = new Random(seed);
            var U = RandomConvolution.Values(rng, item.K.Length);
            var v = RandomConvolution.Values(rng, item.OutputSize);
            var Ju = new double[item.OutputSize];
            Conv2dLayer.Forward(item.X, U, new double[item.Filters], g, Ju);

            var P = new double[g.PatchSize * g.OutputArea];
            Conv2dLayer.Im2col<double>(item.X, g, P);
            var dK = new double[item.K.Length];
            Gemm.MultiplyTransposedB<double>(
                v, P, dK, item.Filters, g.OutputArea, g.PatchSize);

            var left = RandomConvolution.Dot(v, Ju);
            var right = RandomConvolution.Dot(dK, U);
            ArrayAssert.Close([left], [right], 1e-12, 1e-12, $"{item}: v·(Ju) vs (Jᵀv)·u");
        }, iter: 300);
    }

    [Fact]
    public void ParameterJacobian_EqualsPatchFactorMatrix()
    {
        // J_{K,b} z has row (f, r, s) = [patch (r, s) in filter f's block | 1 at b_f].
        Gen.Int.Sample(seed =>
        {
            var item = RandomConvolution.Create(seed);
            var g = item.Geometry;
            var P = new double[g.PatchSize * g.OutputArea];
            Conv2dLayer.Im2col<double>(item.X, g, P);
            var factor = new PatchFactor(P, g.PatchSize, item.Filters);
            var rng = new Random(seed);
            var u = RandomConvolution.Values(rng, factor.Columns);

            var Ju = new double[item.OutputSize];
            Conv2dLayer.Forward(
                item.X, u.AsSpan(0, item.K.Length), u.AsSpan(item.K.Length), g, Ju);

            ArrayAssert.Close(factor.ToMatrix().Multiply(u), Ju, 1e-12, 1e-14, item.ToString());
            ArrayAssert.Close(factor.Apply(u), Ju, 1e-12, 1e-14, item.ToString());
        }, iter: 200);
    }

    [Fact]
    public void Toeplitz_SingleChannelMatchesPaperConstruction()
    {
        // The multi-channel Teop(K) reduces to the paper's one-channel matrix.
        double[] K = [1, 2, 3, 4];
        var g = new ConvolutionGeometry(1, 3, 3, new Size2d(2, 2), new Size2d(1, 1), default);

        var general = ToeplitzFactor.Create(K, g).ToMatrix();
        var single = ToeplitzMatrix.Build(K, 2, 2, 3, 3);

        Assert.Equal(single.Data, general.Data);
        Assert.Equal([0, 0, 0, 1, 2, 0, 3, 4, 0], general.Row(2).ToArray());
        Assert.Equal([0, 0, 0, 0, 1, 2, 0, 3, 4], general.Row(3).ToArray());
    }
}
