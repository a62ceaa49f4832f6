namespace Backprop.Losses;

/// <summary>The per-sample losses a network can be trained with.</summary>
public enum LossKind
{
    /// <summary>−Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)], summed over outputs.</summary>
    BinaryCrossEntropy,

    /// <summary>−Σᵢ yᵢ log ŷᵢ.</summary>
    CrossEntropy,

    /// <summary>‖y − ŷ‖², a sum with no mean.</summary>
    SquaredError,
}
