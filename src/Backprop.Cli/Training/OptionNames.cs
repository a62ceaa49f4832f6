using Backprop.Training;

namespace Backprop.Cli.Training;

/// <summary>The command-line names of optimizers and schedules.</summary>
internal static class OptionNames
{
    public static readonly string[] Optimizers = ["sgd", "momentum", "adam"];
    public static readonly string[] Schedules = ["constant", "step", "cosine"];
    public static readonly string[] Scalings = ["unit", "standardize"];

    public static string Optimizer(OptimizerKind kind) => Optimizers[(int)kind];

    public static string Schedule(LearningRateSchedule kind) => Schedules[(int)kind];

    public static OptimizerKind ParseOptimizer(string name) =>
        (OptimizerKind)Array.IndexOf(Optimizers, name);

    public static LearningRateSchedule ParseSchedule(string name) =>
        (LearningRateSchedule)Array.IndexOf(Schedules, name);
}
