namespace Backprop.Training;

/// <summary>What one epoch of training measured.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainLoss">Mean loss over the epoch's batches, as trained.</param>
/// <param name="TrainAccuracy">Fraction of training samples classified right in the epoch.
/// </param>
/// <param name="TestLoss">Mean loss on the test set after the epoch.</param>
/// <param name="TestAccuracy">Fraction of the test set classified right after the epoch.</param>
/// <param name="LearningRate">η used in the epoch.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch's training steps.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy,
    double LearningRate,
    double Seconds)
{
    /// <summary>Gets the training throughput.</summary>
    /// <param name="samples">Training samples per epoch.</param>
    /// <returns>Samples per second.</returns>
    public double SamplesPerSecond(int samples) => Seconds > 0 ? samples / Seconds : 0;
}
