namespace Backprop.Activations;

/// <summary>The identity activation f(z) = z, whose Jacobian is the identity matrix.</summary>
public sealed class IdentityActivation : Activation
{
    private IdentityActivation()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static IdentityActivation Instance { get; } = new();

    /// <inheritdoc/>
    public override ActivationKind Kind => ActivationKind.Identity;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int units) => z.CopyTo(a);

    /// <inheritdoc/>
    protected override T Derivative<T>(T z, T a) => T.One;
}
