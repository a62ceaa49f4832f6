namespace Backprop.Activations;

/// <summary>The rectified linear unit f(z) = max(0, z).</summary>
/// <remarks>
/// At the kink the derivative is taken as ReLU′(0) = 0, so D = diag(f′(z)) is a 0/1 diagonal
/// that deletes the rows of inactive units.
/// </remarks>
public sealed class ReluActivation : Activation
{
    private ReluActivation()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static ReluActivation Instance { get; } = new();

    /// <inheritdoc/>
    public override ActivationKind Kind => ActivationKind.Relu;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int units)
    {
        for (var i = 0; i < z.Length; i++)
        {
            a[i] = z[i] > T.Zero ? z[i] : T.Zero;
        }
    }

    /// <inheritdoc/>
    public override void Backward<T>(
        ReadOnlySpan<T> z,
        ReadOnlySpan<T> a,
        ReadOnlySpan<T> da,
        Span<T> dz,
        int units)
    {
        for (var i = 0; i < z.Length; i++)
        {
            dz[i] = z[i] > T.Zero ? da[i] : T.Zero;
        }
    }

    /// <inheritdoc/>
    protected override T Derivative<T>(T z, T a) => z > T.Zero ? T.One : T.Zero;
}
