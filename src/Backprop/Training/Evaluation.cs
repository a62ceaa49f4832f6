namespace Backprop.Training;

/// <summary>Loss, accuracy and confusion counts of a model on a data set.</summary>
/// <param name="Loss">Mean loss per sample.</param>
/// <param name="Accuracy">Fraction classified right, from 0 to 1.</param>
/// <param name="Confusion">Counts [true class, predicted class].</param>
public sealed record Evaluation(double Loss, double Accuracy, int[,] Confusion);
