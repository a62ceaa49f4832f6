using System.Numerics;

namespace Backprop.Losses;

/// <summary>A per-sample loss ℓ(y, ŷ) with its gradient with respect to ŷ.</summary>
public abstract class Loss
{
    /// <summary>Gets which loss this is.</summary>
    public abstract LossKind Kind { get; }

    /// <summary>Gets the name used in network files.</summary>
    public string Name => LossNames.ToName(Kind);

    /// <summary>Returns the loss object for a kind.</summary>
    /// <param name="kind">The loss kind.</param>
    /// <returns>A shared, stateless loss object.</returns>
    public static Loss FromKind(LossKind kind) => kind switch
    {
        LossKind.BinaryCrossEntropy => BinaryCrossEntropyLoss.Instance,
        LossKind.CrossEntropy => CrossEntropyLoss.Instance,
        LossKind.SquaredError => SquaredErrorLoss.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss."),
    };

    /// <summary>Computes ℓ(y, ŷ) for one sample.</summary>
    /// <param name="yHat">The network output ŷ.</param>
    /// <param name="y">The target y, same length.</param>
    /// <typeparam name="T">float or double.</typeparam>
    /// <returns>The loss.</returns>
    public abstract T Value<T>(ReadOnlySpan<T> yHat, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Computes ∇_ŷ ℓ for one sample.</summary>
    /// <param name="yHat">The network output ŷ.</param>
    /// <param name="y">The target y.</param>
    /// <param name="dyHat">Destination for ∇_ŷ ℓ.</param>
    /// <typeparam name="T">float or double.</typeparam>
    public abstract void Gradient<T>(ReadOnlySpan<T> yHat, ReadOnlySpan<T> y, Span<T> dyHat)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Describes an output the loss is not defined for, or returns null.</summary>
    /// <param name="yHat">The network output ŷ.</param>
    /// <param name="y">The target y.</param>
    /// <returns>A sentence naming the unit and value, or null when ŷ is in the domain.</returns>
    public virtual string? DomainError(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y) => null;
}
