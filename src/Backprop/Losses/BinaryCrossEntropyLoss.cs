using System.Globalization;

namespace Backprop.Losses;

/// <summary>The binary cross-entropy ℓ = −Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)].</summary>
/// <remarks>
/// With several outputs the terms are summed. ∇_ŷ ℓ = (ŷ − y) ⊘ (ŷ ⊙ (1 − ŷ)). Paired with
/// sigmoid the output head uses the fused logit form instead (see <see cref="OutputHead"/>).
/// </remarks>
public sealed class BinaryCrossEntropyLoss : Loss
{
    private BinaryCrossEntropyLoss()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static BinaryCrossEntropyLoss Instance { get; } = new();

    /// <inheritdoc/>
    public override LossKind Kind => LossKind.BinaryCrossEntropy;

    /// <inheritdoc/>
    public override T Value<T>(ReadOnlySpan<T> yHat, ReadOnlySpan<T> y)
    {
        var sum = T.Zero;
        for (var i = 0; i < y.Length; i++)
        {
            if (y[i] != T.Zero)
            {
                sum -= y[i] * T.Log(yHat[i]);
            }

            if (y[i] != T.One)
            {
                sum -= (T.One - y[i]) * T.Log(T.One - yHat[i]);
            }
        }

        return sum;
    }

    /// <inheritdoc/>
    public override void Gradient<T>(ReadOnlySpan<T> yHat, ReadOnlySpan<T> y, Span<T> dyHat)
    {
        for (var i = 0; i < y.Length; i++)
        {
            var g = T.Zero;
            if (y[i] != T.Zero)
            {
                g -= y[i] / yHat[i];
            }

            if (y[i] != T.One)
            {
                g += (T.One - y[i]) / (T.One - yHat[i]);
            }

            dyHat[i] = g;
        }
    }

    /// <inheritdoc/>
    public override string? DomainError(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            // ŷ is a probability: outside [0, 1] the loss has no meaning, and an end of the
            // interval is allowed only where its log term is multiplied by 0.
            var outside = !(yHat[i] >= 0 && yHat[i] <= 1);
            var low = y[i] != 0 && !(yHat[i] > 0);
            var high = y[i] != 1 && !(yHat[i] < 1);
            if (outside || low || high)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"binary-cross-entropy needs outputs in (0, 1); output {i + 1} is "
                    + $"{yHat[i]:R}");
            }
        }

        return null;
    }
}
