namespace Backprop.Training;

/// <summary>Settings of a training run.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Samples per gradient step.</param>
/// <param name="LearningRate">η, the step size.</param>
/// <param name="Seed">Seed of the initialisation and of each epoch's shuffle.</param>
/// <param name="Optimizer">The update rule.</param>
/// <param name="Momentum">μ for the momentum rule.</param>
/// <param name="Schedule">How η changes over the epochs.</param>
/// <param name="Augmentation">Random shifts of the training images, or null for none.</param>
/// <param name="ClipNorm">Largest gradient norm ‖∇θ‖₂ before a step, or 0 for no clipping.
/// </param>
public sealed record TrainingOptions(
    int Epochs = 10,
    int BatchSize = 64,
    double LearningRate = 0.1,
    int Seed = 1,
    OptimizerKind Optimizer = OptimizerKind.Sgd,
    double Momentum = 0.9,
    LearningRateSchedule Schedule = LearningRateSchedule.Constant,
    ImageShift? Augmentation = null,
    double ClipNorm = 0)
{
    /// <summary>Returns η for an epoch under the schedule.</summary>
    /// <param name="epoch">The epoch, from 0.</param>
    /// <returns>The learning rate for that epoch.</returns>
    public double RateAt(int epoch) => Schedule switch
    {
        LearningRateSchedule.Step => LearningRate * StepFactor(epoch),
        LearningRateSchedule.Cosine =>
            LearningRate * 0.5 * (1 + Math.Cos(Math.PI * epoch / Epochs)),
        _ => LearningRate,
    };

    private double StepFactor(int epoch)
    {
        if (Epochs >= 4 && epoch >= Epochs * 3 / 4)
        {
            return 0.01;
        }

        return Epochs >= 2 && epoch >= Epochs / 2 ? 0.1 : 1.0;
    }
}
