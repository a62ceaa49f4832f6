namespace Backprop.Losses;

/// <summary>The squared error ℓ = ‖y − ŷ‖² (a sum, no mean).</summary>
/// <remarks>
/// ∇_ŷ ℓ = −2 (y − ŷ). Proposition 5 and Table 2 of the paper drop the minus sign; the
/// corrected regression gradient is ∇θ (y − ŷ)² = −2 [x; 1] (y − ŷ).
/// </remarks>
public sealed class SquaredErrorLoss : Loss
{
    private SquaredErrorLoss()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static SquaredErrorLoss Instance { get; } = new();

    /// <inheritdoc/>
    public override LossKind Kind => LossKind.SquaredError;

    /// <inheritdoc/>
    public override T Value<T>(ReadOnlySpan<T> yHat, ReadOnlySpan<T> y)
    {
        var sum = T.Zero;
        for (var i = 0; i < y.Length; i++)
        {
            var r = y[i] - yHat[i];
            sum += r * r;
        }

        return sum;
    }

    /// <inheritdoc/>
    public override void Gradient<T>(ReadOnlySpan<T> yHat, ReadOnlySpan<T> y, Span<T> dyHat)
    {
        var two = T.CreateChecked(2);
        for (var i = 0; i < y.Length; i++)
        {
            dyHat[i] = -two * (y[i] - yHat[i]);
        }
    }
}
