using System.Globalization;

namespace Backprop.Losses;

/// <summary>The cross-entropy ℓ = −Σᵢ yᵢ log ŷᵢ.</summary>
/// <remarks>
/// ∇_ŷ ℓ = −y ⊘ ŷ. Paired with softmax the output head uses the fused form instead
/// (see <see cref="OutputHead"/>); this class serves the general chain-rule path. Terms with
/// yᵢ = 0 contribute nothing, even where ŷᵢ = 0.
/// </remarks>
public sealed class CrossEntropyLoss : Loss
{
    private CrossEntropyLoss()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static CrossEntropyLoss Instance { get; } = new();

    /// <inheritdoc/>
    public override LossKind Kind => LossKind.CrossEntropy;

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
        }

        return sum;
    }

    /// <inheritdoc/>
    public override void Gradient<T>(ReadOnlySpan<T> yHat, ReadOnlySpan<T> y, Span<T> dyHat)
    {
        for (var i = 0; i < y.Length; i++)
        {
            dyHat[i] = y[i] == T.Zero ? T.Zero : -y[i] / yHat[i];
        }
    }

    /// <inheritdoc/>
    public override string? DomainError(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            if ((y[i] != 0 && !(yHat[i] > 0)) || !(yHat[i] <= 1))
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"cross-entropy needs outputs in (0, 1] where the target is not 0, and "
                    + $"none above 1; output {i + 1} is {yHat[i]:R}");
            }
        }

        return null;
    }
}
