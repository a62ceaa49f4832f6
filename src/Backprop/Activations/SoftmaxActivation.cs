using System.Numerics;
using Backprop.Jacobians;
using Backprop.LinearAlgebra;

namespace Backprop.Activations;

/// <summary>The softmax σ(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ), applied to each sample's units.</summary>
/// <remarks>
/// Definition 4 of the paper repeats the sigmoid formula; this is the corrected definition.
/// The maximum of z is subtracted before exponentiating, so no logit overflows. Its Jacobian
/// is full, not diagonal: D = diag(a) − a aᵀ.
/// </remarks>
public sealed class SoftmaxActivation : Activation
{
    private SoftmaxActivation()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static SoftmaxActivation Instance { get; } = new();

    /// <inheritdoc/>
    public override ActivationKind Kind => ActivationKind.Softmax;

    /// <inheritdoc/>
    public override bool IsElementwise => false;

    /// <summary>Computes log Σⱼ e^(zⱼ) with the maximum shifted out.</summary>
    /// <param name="z">The logits of one sample.</param>
    /// <typeparam name="T">float or double.</typeparam>
    /// <returns>The log-sum-exp of z.</returns>
    public static T LogSumExp<T>(ReadOnlySpan<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = z[0];
        for (var i = 1; i < z.Length; i++)
        {
            m = T.Max(m, z[i]);
        }

        var sum = T.Zero;
        for (var i = 0; i < z.Length; i++)
        {
            sum += T.Exp(z[i] - m);
        }

        return m + T.Log(sum);
    }

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int units)
    {
        for (var start = 0; start < z.Length; start += units)
        {
            var zRow = z.Slice(start, units);
            var aRow = a.Slice(start, units);
            var m = zRow[0];
            for (var j = 1; j < units; j++)
            {
                m = T.Max(m, zRow[j]);
            }

            var sum = T.Zero;
            for (var j = 0; j < units; j++)
            {
                aRow[j] = T.Exp(zRow[j] - m);
                sum += aRow[j];
            }

            var inverse = T.One / sum;
            for (var j = 0; j < units; j++)
            {
                aRow[j] *= inverse;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>dz = (diag(a) − a aᵀ) da = a ⊙ (da − (a · da)), per sample.</remarks>
    public override void Backward<T>(
        ReadOnlySpan<T> z,
        ReadOnlySpan<T> a,
        ReadOnlySpan<T> da,
        Span<T> dz,
        int units)
    {
        for (var start = 0; start < z.Length; start += units)
        {
            var dot = T.Zero;
            for (var j = 0; j < units; j++)
            {
                dot += a[start + j] * da[start + j];
            }

            for (var j = 0; j < units; j++)
            {
                dz[start + j] = a[start + j] * (da[start + j] - dot);
            }
        }
    }

    /// <inheritdoc/>
    public override JacobianFactor Jacobian(ReadOnlySpan<double> z, ReadOnlySpan<double> a)
    {
        var D = new Matrix(a.Length, a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < a.Length; j++)
            {
                D[i, j] = (i == j ? a[i] : 0.0) - (a[i] * a[j]);
            }
        }

        return new DenseFactor(D);
    }

    /// <inheritdoc/>
    protected override T Derivative<T>(T z, T a) =>
        throw new InvalidOperationException("Softmax has no element-wise derivative.");
}
