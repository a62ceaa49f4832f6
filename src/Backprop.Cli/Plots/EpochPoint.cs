namespace Backprop.Cli.Plots;

/// <summary>The training metrics of one epoch, one point on the learning curves.</summary>
/// <param name="Epoch">The epoch number, 1-based.</param>
/// <param name="TrainLoss">The mean training loss ℓ over the epoch.</param>
/// <param name="TrainAccuracy">The fraction of training samples classified right, 0 to 1.</param>
/// <param name="TestAccuracy">
/// The fraction of test samples classified right, in [0, 1]; NaN when there is no test set.
/// </param>
public sealed record EpochPoint(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double TestAccuracy);
