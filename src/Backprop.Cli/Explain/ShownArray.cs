using Backprop.Jacobians;
using Backprop.LinearAlgebra;

namespace Backprop.Cli.Explain;

/// <summary>
/// A vector or matrix the derivation shows: its shape and structure always, its entries only
/// when a renderer asks for them (large factors are never materialised).
/// </summary>
internal sealed class ShownArray
{
    private readonly Func<Matrix> build;
    private readonly Lazy<ArrayStatistics> statistics;
    private Matrix? values;

    private ShownArray(
        int rows,
        int columns,
        bool isVector,
        FactorStructure structure,
        Func<Matrix> build,
        Func<ArrayStatistics> statistics)
    {
        Rows = rows;
        Columns = columns;
        IsVector = isVector;
        Structure = structure;
        this.build = build;
        this.statistics = new Lazy<ArrayStatistics>(statistics);
    }

    /// <summary>Gets the number of rows.</summary>
    public int Rows { get; }

    /// <summary>Gets the number of columns (1 for a vector).</summary>
    public int Columns { get; }

    /// <summary>Gets a value indicating whether this is a column vector.</summary>
    public bool IsVector { get; }

    /// <summary>Gets how the underlying factor is stored (dense for plain values).</summary>
    public FactorStructure Structure { get; }

    /// <summary>Gets rows × columns.</summary>
    public long Entries => (long)Rows * Columns;

    /// <summary>Gets labels for the rows, or null.</summary>
    public IReadOnlyList<string>? RowLabels { get; private init; }

    /// <summary>Gets labels for the columns, or null.</summary>
    public IReadOnlyList<string>? ColumnLabels { get; private init; }

    /// <summary>Gets the counts, range and norm, computed without materialising.</summary>
    public ArrayStatistics Statistics => statistics.Value;

    /// <summary>Gets the entries as a dense matrix (a vector is n × 1), built once.</summary>
    public Matrix Values => values ??= build();

    /// <summary>Returns whether the entries are to be shown under a limit on entries.</summary>
    public bool Fits(long maxEntries) => Entries <= maxEntries;

    /// <summary>Wraps a column vector.</summary>
    public static ShownArray Vector(IReadOnlyList<double> v)
    {
        var copy = v.ToArray();
        return new ShownArray(
            copy.Length,
            1,
            true,
            FactorStructure.Dense,
            () => new Matrix(copy.Length, 1, copy),
            () => ArrayStatistics.Of(copy));
    }

    /// <summary>Wraps a dense matrix.</summary>
    public static ShownArray Dense(Matrix m) => new(
        m.Rows,
        m.Columns,
        false,
        FactorStructure.Dense,
        () => m,
        () => ArrayStatistics.Of(m.Data));

    /// <summary>Wraps a matrix built only when its entries or statistics are needed.</summary>
    public static ShownArray Deferred(int rows, int columns, Func<Matrix> build)
    {
        var once = new Lazy<Matrix>(build);
        return new ShownArray(
            rows,
            columns,
            false,
            FactorStructure.Dense,
            () => once.Value,
            () => ArrayStatistics.Of(once.Value.Data));
    }

    /// <summary>Wraps row-major values of the given shape.</summary>
    public static ShownArray RowMajor(double[] data, int rows, int columns) =>
        Dense(new Matrix(rows, columns, data));

    /// <summary>Shows the transpose of a row-major rows × columns array.</summary>
    public static ShownArray Transposed(double[] data, int rows, int columns) => new(
        columns,
        rows,
        false,
        FactorStructure.Dense,
        () => new Matrix(rows, columns, data).Transpose(),
        () => ArrayStatistics.Of(data));

    /// <summary>Shows a Jacobian factor, keeping its structure.</summary>
    public static ShownArray Factor(JacobianFactor factor) => new(
        factor.Rows,
        factor.Columns,
        false,
        factor.Structure,
        factor.ToMatrix,
        () => StatisticsOf(factor));

    /// <summary>Returns the same array with row and column labels.</summary>
    public ShownArray WithLabels(
        IReadOnlyList<string>? rowLabels,
        IReadOnlyList<string>? columns) =>
        new(Rows, Columns, IsVector, Structure, () => Values, () => Statistics)
        {
            RowLabels = rowLabels,
            ColumnLabels = columns,
        };

    private static ArrayStatistics StatisticsOf(JacobianFactor factor)
    {
        var entries = (long)factor.Rows * factor.Columns;
        switch (factor)
        {
            case DiagonalFactor diagonal:
                var d = ArrayStatistics.Of(diagonal.Diagonal.ToArray());
                return d.Merge(ArrayStatistics.Zeros(entries - d.Entries));
            case KroneckerFactor kronecker:
                // [I ⊗ aᵀ | I]: a once per unit, one 1 per unit, zeros elsewhere.
                var a = ArrayStatistics.Of(kronecker.Input.ToArray()).Repeated(kronecker.Units);
                var n = kronecker.Units;
                var ones = new ArrayStatistics(n, n, 1, 1, n);
                var stored = a.Merge(ones);
                return stored.Merge(ArrayStatistics.Zeros(entries - stored.Entries));
            case DenseFactor dense:
                return ArrayStatistics.Of(dense.Matrix.Data);
            default:
                return ArrayStatistics.Of(factor.ToMatrix().Data);
        }
    }
}
