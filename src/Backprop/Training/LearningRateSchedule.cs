namespace Backprop.Training;

/// <summary>How the learning rate changes from epoch to epoch.</summary>
public enum LearningRateSchedule
{
    /// <summary>η stays constant.</summary>
    Constant,

    /// <summary>η times 0.1 after half the epochs, and again after three quarters.</summary>
    Step,

    /// <summary>η_e = η · ½ (1 + cos(π e / E)) for epoch e counted from 0 of E.</summary>
    Cosine,
}
