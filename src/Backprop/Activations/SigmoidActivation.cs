using System.Numerics;

namespace Backprop.Activations;

/// <summary>The logistic sigmoid σ(z) = 1 / (1 + e^(−z)), with range (0, 1).</summary>
/// <remarks>
/// The paper's section 3.2 gives the range as [0, 1]; it is the open interval (0, 1).
/// Forward uses e^(−|z|) so no exponential overflows; the derivative is computed as
/// σ(z) σ(−z), which keeps its relative accuracy for large |z| where 1 − σ(z) would cancel.
/// </remarks>
public sealed class SigmoidActivation : Activation
{
    private SigmoidActivation()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static SigmoidActivation Instance { get; } = new();

    /// <inheritdoc/>
    public override ActivationKind Kind => ActivationKind.Sigmoid;

    /// <summary>Computes σ(z) without overflow for any finite z.</summary>
    /// <param name="z">The logit.</param>
    /// <typeparam name="T">float or double.</typeparam>
    /// <returns>σ(z) in (0, 1) up to rounding.</returns>
    public static T Sigmoid<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var e = T.Exp(-T.Abs(z));
        return z >= T.Zero ? T.One / (T.One + e) : e / (T.One + e);
    }

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int units)
    {
        for (var i = 0; i < z.Length; i++)
        {
            a[i] = Sigmoid(z[i]);
        }
    }

    /// <inheritdoc/>
    protected override T Derivative<T>(T z, T a) => Sigmoid(z) * Sigmoid(-z);
}
