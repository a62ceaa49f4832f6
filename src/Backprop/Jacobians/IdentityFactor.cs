using Backprop.LinearAlgebra;

namespace Backprop.Jacobians;

/// <summary>The identity factor I: a flatten layer's Jacobian, or D of a layer without f.
/// </summary>
public sealed class IdentityFactor : JacobianFactor
{
    /// <summary>Initializes an n × n identity.</summary>
    /// <param name="size">n.</param>
    public IdentityFactor(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
    }

    /// <summary>Gets n.</summary>
    public int Size { get; }

    /// <inheritdoc/>
    public override int Rows => Size;

    /// <inheritdoc/>
    public override int Columns => Size;

    /// <inheritdoc/>
    public override FactorStructure Structure => FactorStructure.Identity;

    /// <inheritdoc/>
    public override long StoredCount => 0;

    /// <inheritdoc/>
    public override Matrix ToMatrix() => Matrix.Identity(Size);

    /// <inheritdoc/>
    public override double[] Apply(ReadOnlySpan<double> u)
    {
        CheckLength(u.Length, Size, "vector");
        return u.ToArray();
    }

    /// <inheritdoc/>
    public override double[] ApplyTranspose(ReadOnlySpan<double> v) => Apply(v);

    /// <inheritdoc/>
    public override Matrix MultiplyLeft(Matrix left)
    {
        ArgumentNullException.ThrowIfNull(left);
        CheckLength(left.Columns, Size, "left matrix's column count");
        return new Matrix(left.Rows, left.Columns, (double[])left.Data.Clone());
    }
}
