using Backprop.LinearAlgebra;

namespace Backprop.Jacobians;

/// <summary>
/// A dense layer's parameter Jacobian J_{W,b} z = [blockdiag(aᵀ, …, aᵀ) | I] = [I ⊗ aᵀ | I].
/// </summary>
/// <remarks>
/// Algorithm 1, line 3 (corrected): the block diagonal holds the layer's input a^[l-1]
/// (x for the first layer), repeated once per unit; the paper writes a^[l]. Columns follow
/// θ order: Vec(W) (W's columns stacked, one column per unit), then b. Only a is stored.
/// </remarks>
public sealed class KroneckerFactor : JacobianFactor
{
    private readonly double[] aPrev;

    /// <summary>Initializes the factor of a layer with the given input and unit count.</summary>
    /// <param name="input">The layer's input a^[l-1]; not copied.</param>
    /// <param name="units">The layer's unit count n_l.</param>
    public KroneckerFactor(double[] input, int units)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        aPrev = input;
        Units = units;
    }

    /// <summary>Gets the layer's input a^[l-1], the row repeated on the block diagonal.</summary>
    public IReadOnlyList<double> Input => aPrev;

    /// <summary>Gets the layer's unit count, the number of diagonal blocks.</summary>
    public int Units { get; }

    /// <inheritdoc/>
    public override int Rows => Units;

    /// <inheritdoc/>
    public override int Columns => (Units * aPrev.Length) + Units;

    /// <inheritdoc/>
    public override FactorStructure Structure => FactorStructure.Kronecker;

    /// <inheritdoc/>
    public override long StoredCount => aPrev.Length;

    /// <inheritdoc/>
    public override Matrix ToMatrix()
    {
        var n = aPrev.Length;
        var J = new Matrix(Rows, Columns);
        for (var j = 0; j < Units; j++)
        {
            aPrev.CopyTo(J.Row(j).Slice(j * n, n));
            J[j, (Units * n) + j] = 1.0;
        }

        return J;
    }

    /// <inheritdoc/>
    /// <remarks>(J u)ⱼ = aᵀ u_Wⱼ + u_bⱼ, where u_Wⱼ is the j-th column block of Vec(W).</remarks>
    public override double[] Apply(ReadOnlySpan<double> u)
    {
        CheckLength(u.Length, Columns, "vector");
        var n = aPrev.Length;
        var result = new double[Units];
        for (var j = 0; j < Units; j++)
        {
            result[j] = Gemm.Dot<double>(aPrev, u.Slice(j * n, n))
                + u[(Units * n) + j];
        }

        return result;
    }

    /// <inheritdoc/>
    /// <remarks>Jᵀ v = [v ⊗ a; v]: the j-th column of dW is vⱼ a, and db = v.</remarks>
    public override double[] ApplyTranspose(ReadOnlySpan<double> v)
    {
        CheckLength(v.Length, Units, "vector");
        var n = aPrev.Length;
        var result = new double[Columns];
        for (var j = 0; j < Units; j++)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(
                aPrev, v[j], result.AsSpan(j * n, n));
            result[(Units * n) + j] = v[j];
        }

        return result;
    }

    /// <inheritdoc/>
    /// <remarks>M · [I ⊗ aᵀ | I] = [M₍:,1₎ aᵀ | … | M₍:,n₎ aᵀ | M].</remarks>
    public override Matrix MultiplyLeft(Matrix left)
    {
        ArgumentNullException.ThrowIfNull(left);
        var result = new Matrix(left.Rows, Columns);
        MultiplyLeftInto(left, result, 0);
        return result;
    }

    /// <inheritdoc/>
    /// <remarks>Writes M · [I ⊗ aᵀ | I] without building the factor.</remarks>
    public override void MultiplyLeftInto(Matrix left, Matrix target, int columnOffset)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(target);
        CheckLength(left.Columns, Units, "left matrix's column count");
        CheckLength(target.Rows, left.Rows, "target's row count");
        CheckRange(columnOffset, Columns, target.Columns);

        var n = aPrev.Length;
        for (var r = 0; r < left.Rows; r++)
        {
            var row = target.Row(r).Slice(columnOffset, Columns);
            for (var j = 0; j < Units; j++)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(
                    aPrev, left[r, j], row.Slice(j * n, n));
                row[(Units * n) + j] = left[r, j];
            }
        }
    }
}
