namespace Backprop.Training;

/// <summary>Loss, accuracy and confusion counts of a model on a data set.</summary>
/// <param name="Loss">Mean loss per sample.</param>
/// <param name="Accuracy">Fraction classified right, from 0 to 1.</param>
/// <param name="Confusion">Counts [true class, predicted class].</param>
public sealed record Evaluation(double Loss, double Accuracy, int[,] Confusion)
{
    /// <summary>Gets the index of the first sample whose output ŷ is not finite, or −1.
    /// </summary>
    /// <remarks>A NaN or infinite output makes the loss and accuracy meaningless.</remarks>
    public int FirstNonFiniteSample { get; init; } = -1;

    /// <summary>Gets that sample's first non-finite output value (NaN when none).</summary>
    public float NonFiniteValue { get; init; } = float.NaN;
}
