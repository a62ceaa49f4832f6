using Backprop.Training;

namespace Backprop.Cli.Training;

/// <summary>Everything <c>backprop train</c> was asked to do, validated.</summary>
internal sealed record TrainSettings(
    string Data,
    string Model,
    TrainingOptions Options,
    bool Standardize,
    int AugmentShift,
    int Threads,
    string OutputFolder,
    bool Quiet);
