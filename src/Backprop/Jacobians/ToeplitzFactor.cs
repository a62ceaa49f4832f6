using Backprop.Layers;

namespace Backprop.Jacobians;

/// <summary>
/// Teop(K), the doubly block Toeplitz matrix of a convolution with channels, filters, stride
/// and zero padding: z = Teop(K) Vec(X) + b (section 3.5, Propositions 2–3, generalised).
/// </summary>
/// <remarks>
/// Rows are output positions (f, r, s) and columns input positions (c, i, j), both
/// row-major. Row (f, r, s) holds K[f, c, p, q] in column (c, r·sh + p − ph, s·sw + q − pw)
/// for every kernel offset that lands inside the input; offsets in the padding have no
/// column, which is how zero padding appears. For one channel and one filter each block row
/// is a Toeplitz band and the blocks repeat down the diagonal. This is J_{a^[l-1]} z^[l], the
/// convolution's counterpart of a dense layer's (W^[l])ᵀ. Only K and the geometry are kept;
/// entries are listed once, in row-major order.
/// </remarks>
public sealed class ToeplitzFactor : SparseFactor
{
    private readonly double[] K;
    private readonly int[] kernelIndex;

    private ToeplitzFactor(
        double[] kernel,
        ConvolutionGeometry geometry,
        int filters,
        int[] entryRows,
        int[] entryColumns,
        int[] kernelIndex)
        : base(filters * geometry.OutputArea, geometry.InputSize, entryRows, entryColumns)
    {
        K = kernel;
        Geometry = geometry;
        Filters = filters;
        this.kernelIndex = kernelIndex;
    }

    /// <summary>Gets the geometry of the convolution.</summary>
    public ConvolutionGeometry Geometry { get; }

    /// <summary>Gets the number of filters F.</summary>
    public int Filters { get; }

    /// <inheritdoc/>
    public override FactorStructure Structure => FactorStructure.Toeplitz;

    /// <inheritdoc/>
    public override long StoredCount => K.Length;

    /// <summary>Builds Teop(K) for kernels K of shape [F, C, kh, kw].</summary>
    /// <param name="kernel">K, row-major; not copied.</param>
    /// <param name="geometry">The input size, kernel, stride and padding.</param>
    /// <returns>The factor, (F·oh·ow) × (C·H·W).</returns>
    /// <exception cref="ArgumentException">K's length is not a multiple of C·kh·kw.</exception>
    public static ToeplitzFactor Create(double[] kernel, in ConvolutionGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (kernel.Length == 0 || kernel.Length % geometry.PatchSize != 0)
        {
            throw new ArgumentException(
                $"K has {kernel.Length} values; it needs filters × {geometry.PatchSize}.",
                nameof(kernel));
        }

        var filters = kernel.Length / geometry.PatchSize;
        var rows = new List<int>();
        var columns = new List<int>();
        var indices = new List<int>();
        var g = geometry;
        for (var f = 0; f < filters; f++)
        {
            for (var r = 0; r < g.OutputRows; r++)
            {
                for (var s = 0; s < g.OutputColumns; s++)
                {
                    var row = (((f * g.OutputRows) + r) * g.OutputColumns) + s;
                    for (var c = 0; c < g.Channels; c++)
                    {
                        for (var p = 0; p < g.Kernel.Rows; p++)
                        {
                            var i = (r * g.Stride.Rows) + p - g.Padding.Rows;
                            for (var q = 0; q < g.Kernel.Columns; q++)
                            {
                                var j = (s * g.Stride.Columns) + q - g.Padding.Columns;
                                if (i < 0 || i >= g.InputRows || j < 0 || j >= g.InputColumns)
                                {
                                    continue;
                                }

                                rows.Add(row);
                                columns.Add((((c * g.InputRows) + i) * g.InputColumns) + j);
                                indices.Add((((((f * g.Channels) + c) * g.Kernel.Rows) + p)
                                    * g.Kernel.Columns) + q);
                            }
                        }
                    }
                }
            }
        }

        return new ToeplitzFactor(
            kernel, geometry, filters, [.. rows], [.. columns], [.. indices]);
    }

    /// <summary>Returns which kernel value, as an index into K, the e-th entry holds.</summary>
    /// <param name="e">The entry index.</param>
    /// <returns>The index f·C·kh·kw + c·kh·kw + p·kw + q.</returns>
    public int KernelIndex(int e) => kernelIndex[e];

    /// <summary>Returns the row and column of the e-th entry.</summary>
    /// <param name="e">The entry index.</param>
    /// <returns>The position in the matrix.</returns>
    public (int Row, int Column) EntryPosition(int e) => (EntryRows[e], EntryColumns[e]);

    /// <inheritdoc/>
    public override double EntryValue(int e) => K[kernelIndex[e]];
}
