namespace Backprop.Tests.Hostile;

/// <summary>Runs the hostile corpus alone: some entries set process environment variables.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileRunsAlone
{
    public const string Name = "Hostile inputs (not in parallel)";
}
