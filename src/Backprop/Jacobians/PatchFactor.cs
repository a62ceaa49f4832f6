using Backprop.LinearAlgebra;

namespace Backprop.Jacobians;

/// <summary>
/// A convolution layer's parameter Jacobian J_{K,b} z = [I ⊗ Pᵀ | I ⊗ 1], with P = im2col(X).
/// </summary>
/// <remarks>
/// z[f, r, s] = Σ K[f, c, p, q] X[c, r·sh + p − ph, s·sw + q − pw] + b[f] is linear in K, so
/// row (f, r, s) holds, in filter f's block of columns (c, p, q), the input value each kernel
/// entry multiplies (zero in the padding): column (r, s) of the patch matrix P. Filter f's
/// bias column holds 1 in each of f's rows. Columns follow θ order: K flattened row-major,
/// then b. It plays the part of a dense layer's [I ⊗ aᵀ | I]; only P is stored.
/// </remarks>
public sealed class PatchFactor : JacobianFactor
{
    private readonly double[] P;

    /// <summary>Initializes the factor from a patch matrix.</summary>
    /// <param name="patches">P = im2col(X), patchSize × positions, row-major; not copied.
    /// </param>
    /// <param name="patchSize">C · kh · kw, the rows of P.</param>
    /// <param name="filters">The number of filters F.</param>
    public PatchFactor(double[] patches, int patchSize, int filters)
    {
        ArgumentNullException.ThrowIfNull(patches);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filters);
        P = patches;
        PatchSize = patchSize;
        Positions = patches.Length / patchSize;
        Filters = filters;
    }

    /// <summary>Gets C · kh · kw, the number of kernel entries per filter.</summary>
    public int PatchSize { get; }

    /// <summary>Gets oh · ow, the output positions per filter.</summary>
    public int Positions { get; }

    /// <summary>Gets the number of filters F.</summary>
    public int Filters { get; }

    /// <summary>Gets the patch matrix P, row-major PatchSize × Positions.</summary>
    public IReadOnlyList<double> Patches => P;

    /// <inheritdoc/>
    public override int Rows => Filters * Positions;

    /// <inheritdoc/>
    public override int Columns => (Filters * PatchSize) + Filters;

    /// <inheritdoc/>
    public override FactorStructure Structure => FactorStructure.Patches;

    /// <inheritdoc/>
    public override long StoredCount => P.Length;

    /// <inheritdoc/>
    public override Matrix ToMatrix()
    {
        var J = new Matrix(Rows, Columns);
        for (var f = 0; f < Filters; f++)
        {
            for (var position = 0; position < Positions; position++)
            {
                var row = J.Row((f * Positions) + position);
                for (var k = 0; k < PatchSize; k++)
                {
                    row[(f * PatchSize) + k] = P[(k * Positions) + position];
                }

                row[(Filters * PatchSize) + f] = 1.0;
            }
        }

        return J;
    }

    /// <inheritdoc/>
    /// <remarks>(J u)[f, ·] = Pᵀ u_Kf + u_bf: a convolution of X with the direction u.
    /// </remarks>
    public override double[] Apply(ReadOnlySpan<double> u)
    {
        CheckLength(u.Length, Columns, "vector");
        var result = new double[Rows];
        for (var f = 0; f < Filters; f++)
        {
            var target = result.AsSpan(f * Positions, Positions);
            target.Fill(u[(Filters * PatchSize) + f]);
            for (var k = 0; k < PatchSize; k++)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(
                    P.AsSpan(k * Positions, Positions), u[(f * PatchSize) + k], target, target);
            }
        }

        return result;
    }

    /// <inheritdoc/>
    /// <remarks>Jᵀ v = [P v_f for each filter; Σ v_f]: dK = dz Pᵀ and db = Σ dz.</remarks>
    public override double[] ApplyTranspose(ReadOnlySpan<double> v)
    {
        CheckLength(v.Length, Rows, "vector");
        var result = new double[Columns];
        Transpose(v, result);
        return result;
    }

    /// <inheritdoc/>
    public override Matrix MultiplyLeft(Matrix left)
    {
        ArgumentNullException.ThrowIfNull(left);
        var result = new Matrix(left.Rows, Columns);
        MultiplyLeftInto(left, result, 0);
        return result;
    }

    /// <inheritdoc/>
    /// <remarks>Row i of M · J is Jᵀ applied to row i of M.</remarks>
    public override void MultiplyLeftInto(Matrix left, Matrix target, int columnOffset)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(target);
        CheckLength(left.Columns, Rows, "left matrix's column count");
        CheckLength(target.Rows, left.Rows, "target's row count");
        CheckRange(columnOffset, Columns, target.Columns);
        for (var r = 0; r < left.Rows; r++)
        {
            Transpose(left.Row(r), target.Row(r).Slice(columnOffset, Columns));
        }
    }

    private void Transpose(ReadOnlySpan<double> v, Span<double> result)
    {
        for (var f = 0; f < Filters; f++)
        {
            var dz = v.Slice(f * Positions, Positions);
            for (var k = 0; k < PatchSize; k++)
            {
                var patchRow = P.AsSpan(k * Positions, Positions);
                result[(f * PatchSize) + k] = Gemm.Dot<double>(patchRow, dz);
            }

            var sum = 0.0;
            foreach (var value in dz)
            {
                sum += value;
            }

            result[(Filters * PatchSize) + f] = sum;
        }
    }
}
