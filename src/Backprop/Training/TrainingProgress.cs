namespace Backprop.Training;

/// <summary>A progress report during an epoch.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="BatchCount">Batches per epoch.</param>
/// <param name="RunningLoss">Mean loss over the epoch's batches so far.</param>
public sealed record TrainingProgress(int Epoch, int Batch, int BatchCount, double RunningLoss);
