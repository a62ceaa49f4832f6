using Backprop.LinearAlgebra;

namespace Backprop.Jacobians;

/// <summary>A diagonal Jacobian factor diag(d), such as an element-wise activation's D.</summary>
public sealed class DiagonalFactor : JacobianFactor
{
    private readonly double[] d;

    /// <summary>Initializes a diagonal factor.</summary>
    /// <param name="diagonal">The diagonal entries; not copied.</param>
    public DiagonalFactor(double[] diagonal)
    {
        ArgumentNullException.ThrowIfNull(diagonal);
        d = diagonal;
    }

    /// <summary>Gets the diagonal entries.</summary>
    public IReadOnlyList<double> Diagonal => d;

    /// <inheritdoc/>
    public override int Rows => d.Length;

    /// <inheritdoc/>
    public override int Columns => d.Length;

    /// <inheritdoc/>
    public override FactorStructure Structure => FactorStructure.Diagonal;

    /// <inheritdoc/>
    public override long StoredCount => d.Length;

    /// <inheritdoc/>
    public override Matrix ToMatrix()
    {
        var D = new Matrix(d.Length, d.Length);
        for (var i = 0; i < d.Length; i++)
        {
            D[i, i] = d[i];
        }

        return D;
    }

    /// <inheritdoc/>
    public override double[] Apply(ReadOnlySpan<double> u)
    {
        CheckLength(u.Length, d.Length, "vector");
        var result = new double[d.Length];
        for (var i = 0; i < d.Length; i++)
        {
            result[i] = d[i] * u[i];
        }

        return result;
    }

    /// <inheritdoc/>
    public override double[] ApplyTranspose(ReadOnlySpan<double> v) => Apply(v);

    /// <inheritdoc/>
    /// <remarks>M · diag(d) scales column j of M by dⱼ.</remarks>
    public override Matrix MultiplyLeft(Matrix left)
    {
        ArgumentNullException.ThrowIfNull(left);
        CheckLength(left.Columns, d.Length, "left matrix's column count");
        var result = new Matrix(left.Rows, left.Columns);
        for (var i = 0; i < left.Rows; i++)
        {
            for (var j = 0; j < d.Length; j++)
            {
                result[i, j] = left[i, j] * d[j];
            }
        }

        return result;
    }
}
