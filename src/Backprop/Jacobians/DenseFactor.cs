using Backprop.LinearAlgebra;

namespace Backprop.Jacobians;

/// <summary>A Jacobian factor with every entry stored, such as Wᵀ or a softmax Jacobian.</summary>
public sealed class DenseFactor : JacobianFactor
{
    /// <summary>Initializes a dense factor over a matrix.</summary>
    /// <param name="matrix">The entries; not copied.</param>
    public DenseFactor(Matrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Matrix = matrix;
    }

    /// <summary>Gets the entries.</summary>
    public Matrix Matrix { get; }

    /// <inheritdoc/>
    public override int Rows => Matrix.Rows;

    /// <inheritdoc/>
    public override int Columns => Matrix.Columns;

    /// <inheritdoc/>
    public override FactorStructure Structure => FactorStructure.Dense;

    /// <inheritdoc/>
    public override long StoredCount => Matrix.Data.LongLength;

    /// <inheritdoc/>
    public override Matrix ToMatrix() => new(Rows, Columns, (double[])Matrix.Data.Clone());

    /// <inheritdoc/>
    public override double[] Apply(ReadOnlySpan<double> u) => Matrix.Multiply(u);

    /// <inheritdoc/>
    public override double[] ApplyTranspose(ReadOnlySpan<double> v) => Matrix.TransposeMultiply(v);

    /// <inheritdoc/>
    public override Matrix MultiplyLeft(Matrix left)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.Multiply(Matrix);
    }
}
