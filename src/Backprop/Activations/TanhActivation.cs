namespace Backprop.Activations;

/// <summary>The hyperbolic tangent f(z) = tanh z, with f′(z) = 1 − tanh² z.</summary>
public sealed class TanhActivation : Activation
{
    private TanhActivation()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static TanhActivation Instance { get; } = new();

    /// <inheritdoc/>
    public override ActivationKind Kind => ActivationKind.Tanh;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int units)
    {
        for (var i = 0; i < z.Length; i++)
        {
            a[i] = T.Tanh(z[i]);
        }
    }

    /// <inheritdoc/>
    protected override T Derivative<T>(T z, T a) => T.One - (a * a);
}
