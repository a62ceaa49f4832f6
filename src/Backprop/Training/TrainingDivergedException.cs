namespace Backprop.Training;

/// <summary>Thrown when the loss becomes NaN or infinite during training.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the exception for a batch.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="batch">The batch within the epoch, from 1.</param>
    /// <param name="loss">The loss that was not finite.</param>
    public TrainingDivergedException(int epoch, int batch, double loss)
        : base($"the loss became {loss} in epoch {epoch}, batch {batch}; "
            + "try a smaller learning rate")
    {
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>Gets the epoch in which the loss diverged, from 1.</summary>
    public int Epoch { get; }

    /// <summary>Gets the batch in which the loss diverged, from 1.</summary>
    public int Batch { get; }
}
