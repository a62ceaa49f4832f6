using Backprop.LinearAlgebra;

namespace Backprop.Jacobians;

/// <summary>A factor given by its nonzero entries (row, column, value), such as Teop(K).
/// </summary>
/// <remarks>
/// Entries are kept in row-major order, so a product sums each output in a fixed order.
/// </remarks>
public abstract class SparseFactor : JacobianFactor
{
    private readonly int rows;
    private readonly int columns;

    /// <summary>Initializes the factor's shape and entry lists.</summary>
    /// <param name="rows">The row count.</param>
    /// <param name="columns">The column count.</param>
    /// <param name="entryRows">Each entry's row.</param>
    /// <param name="entryColumns">Each entry's column.</param>
    protected SparseFactor(int rows, int columns, int[] entryRows, int[] entryColumns)
    {
        ArgumentNullException.ThrowIfNull(entryRows);
        ArgumentNullException.ThrowIfNull(entryColumns);
        this.rows = rows;
        this.columns = columns;
        EntryRows = entryRows;
        EntryColumns = entryColumns;
    }

    /// <inheritdoc/>
    public override int Rows => rows;

    /// <inheritdoc/>
    public override int Columns => columns;

    /// <summary>Gets the number of nonzero positions.</summary>
    public int EntryCount => EntryRows.Length;

    /// <summary>Gets each entry's row.</summary>
    protected int[] EntryRows { get; }

    /// <summary>Gets each entry's column.</summary>
    protected int[] EntryColumns { get; }

    /// <summary>Returns the value of the e-th entry.</summary>
    /// <param name="e">The entry index.</param>
    /// <returns>The value.</returns>
    public abstract double EntryValue(int e);

    /// <inheritdoc/>
    public override Matrix ToMatrix()
    {
        var J = new Matrix(Rows, Columns);
        for (var e = 0; e < EntryCount; e++)
        {
            J[EntryRows[e], EntryColumns[e]] += EntryValue(e);
        }

        return J;
    }

    /// <inheritdoc/>
    public override double[] Apply(ReadOnlySpan<double> u)
    {
        CheckLength(u.Length, Columns, "vector");
        var result = new double[Rows];
        for (var e = 0; e < EntryCount; e++)
        {
            result[EntryRows[e]] += EntryValue(e) * u[EntryColumns[e]];
        }

        return result;
    }

    /// <inheritdoc/>
    public override double[] ApplyTranspose(ReadOnlySpan<double> v)
    {
        CheckLength(v.Length, Rows, "vector");
        var result = new double[Columns];
        for (var e = 0; e < EntryCount; e++)
        {
            result[EntryColumns[e]] += EntryValue(e) * v[EntryRows[e]];
        }

        return result;
    }

    /// <inheritdoc/>
    /// <remarks>(M J)[i, col] = Σ over entries (row, col) of M[i, row] · J[row, col].</remarks>
    public override Matrix MultiplyLeft(Matrix left)
    {
        ArgumentNullException.ThrowIfNull(left);
        CheckLength(left.Columns, Rows, "left matrix's column count");
        var result = new Matrix(left.Rows, Columns);
        for (var i = 0; i < left.Rows; i++)
        {
            var source = left.Row(i);
            var target = result.Row(i);
            for (var e = 0; e < EntryCount; e++)
            {
                target[EntryColumns[e]] += source[EntryRows[e]] * EntryValue(e);
            }
        }

        return result;
    }
}
