using BenchmarkDotNet.Configs;

namespace Backprop.Benchmarks;

/// <summary>Adds the GFLOP/s column to the default configuration.</summary>
public sealed class GflopsConfig : ManualConfig
{
    /// <summary>Initializes the configuration.</summary>
    public GflopsConfig()
    {
        AddColumn(new GflopsColumn());
    }
}
