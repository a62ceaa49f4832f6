using Backprop.LinearAlgebra;

namespace Backprop.Jacobians;

/// <summary>One factor of the paper's Algorithm 1, kept in its structured form.</summary>
/// <remarks>
/// A factor knows its shape and structure, can apply itself to a vector (J u) or its
/// transpose (Jᵀ v) without being materialised, and can be materialised as a dense
/// <see cref="Matrix"/> for display or checking.
/// </remarks>
public abstract class JacobianFactor
{
    /// <summary>Gets the number of rows.</summary>
    public abstract int Rows { get; }

    /// <summary>Gets the number of columns.</summary>
    public abstract int Columns { get; }

    /// <summary>Gets the structure of the factor.</summary>
    public abstract FactorStructure Structure { get; }

    /// <summary>Gets the number of values actually stored.</summary>
    public abstract long StoredCount { get; }

    /// <summary>Builds the dense matrix this factor stands for.</summary>
    /// <returns>A new Rows × Columns matrix.</returns>
    public abstract Matrix ToMatrix();

    /// <summary>Computes J u.</summary>
    /// <param name="u">A vector of length Columns.</param>
    /// <returns>A vector of length Rows.</returns>
    public abstract double[] Apply(ReadOnlySpan<double> u);

    /// <summary>Computes Jᵀ v.</summary>
    /// <param name="v">A vector of length Rows.</param>
    /// <returns>A vector of length Columns.</returns>
    public abstract double[] ApplyTranspose(ReadOnlySpan<double> v);

    /// <summary>Computes the product M · J for a dense matrix M on the left.</summary>
    /// <param name="left">A matrix with Rows columns.</param>
    /// <returns>The product, left.Rows × Columns.</returns>
    public abstract Matrix MultiplyLeft(Matrix left);

    /// <summary>Writes M · J into a column range of a larger matrix.</summary>
    /// <param name="left">The matrix M, with Rows columns.</param>
    /// <param name="target">The destination, with left.Rows rows.</param>
    /// <param name="columnOffset">The first destination column.</param>
    /// <exception cref="ArgumentException">The sizes do not fit.</exception>
    public virtual void MultiplyLeftInto(Matrix left, Matrix target, int columnOffset)
    {
        ArgumentNullException.ThrowIfNull(target);
        var product = MultiplyLeft(left);
        CheckLength(target.Rows, product.Rows, "target's row count");
        CheckRange(columnOffset, product.Columns, target.Columns);
        for (var r = 0; r < product.Rows; r++)
        {
            product.Row(r).CopyTo(target.Row(r).Slice(columnOffset, product.Columns));
        }
    }

    /// <summary>Throws when a column range does not fit a target.</summary>
    /// <param name="offset">The first column.</param>
    /// <param name="count">The number of columns.</param>
    /// <param name="targetColumns">The target's column count.</param>
    /// <exception cref="ArgumentException">The range does not fit.</exception>
    protected static void CheckRange(int offset, int count, int targetColumns)
    {
        if (offset < 0 || offset + count > targetColumns)
        {
            throw new ArgumentException(
                $"Columns {offset} to {offset + count} do not fit a target of "
                + $"{targetColumns} columns.");
        }
    }

    /// <summary>Throws when a vector or matrix size does not fit the factor.</summary>
    /// <param name="actual">The size given.</param>
    /// <param name="expected">The size needed.</param>
    /// <param name="what">What was given, for the message.</param>
    /// <exception cref="ArgumentException">The sizes differ.</exception>
    protected static void CheckLength(int actual, int expected, string what)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                $"The {what} has length {actual}; the factor needs {expected}.");
        }
    }
}
