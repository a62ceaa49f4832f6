namespace Backprop.Activations;

/// <summary>The leaky rectified linear unit: f(z) = z for z &gt; 0, else 0.01 z.</summary>
/// <remarks>The slope 0.01 applies for z ≤ 0, so the derivative at 0 is 0.01.</remarks>
public sealed class LeakyReluActivation : Activation
{
    /// <summary>The slope for z ≤ 0.</summary>
    public const double Slope = 0.01;

    private LeakyReluActivation()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static LeakyReluActivation Instance { get; } = new();

    /// <inheritdoc/>
    public override ActivationKind Kind => ActivationKind.LeakyRelu;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int units)
    {
        var slope = T.CreateChecked(Slope);
        for (var i = 0; i < z.Length; i++)
        {
            a[i] = z[i] > T.Zero ? z[i] : slope * z[i];
        }
    }

    /// <inheritdoc/>
    protected override T Derivative<T>(T z, T a) =>
        z > T.Zero ? T.One : T.CreateChecked(Slope);
}
