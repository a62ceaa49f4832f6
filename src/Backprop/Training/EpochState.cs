namespace Backprop.Training;

/// <summary>Where an epoch stands: the next batch and the sums over the batches done.</summary>
/// <remarks>Saved in checkpoints, so an interrupted epoch continues exactly where it stopped.
/// </remarks>
public sealed class EpochState
{
    /// <summary>Initializes the state at the start of an epoch.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    public EpochState(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epoch);
        Epoch = epoch;
    }

    /// <summary>Gets the epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>Gets or sets the next batch to run, from 0.</summary>
    public int NextBatch { get; set; }

    /// <summary>Gets or sets Σ (batch mean loss × batch size) over the batches done.</summary>
    public double LossSum { get; set; }

    /// <summary>Gets or sets the correctly classified samples in the batches done.</summary>
    public int Correct { get; set; }

    /// <summary>Gets or sets the samples in the batches done.</summary>
    public int Seen { get; set; }

    /// <summary>Gets or sets the seconds spent on the batches done.</summary>
    public double Seconds { get; set; }

    /// <summary>Gets the mean training loss so far.</summary>
    public double MeanLoss => Seen == 0 ? 0 : LossSum / Seen;

    /// <summary>Gets the training accuracy so far.</summary>
    public double Accuracy => Seen == 0 ? 0 : (double)Correct / Seen;
}
