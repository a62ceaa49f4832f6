namespace Backprop.Tests.Cli;

public class BenchCommandTests
{
    [Fact]
    public void Bench_ZeroEpochs_IsUsageError()
    {
        var result = CliRunner.Run("bench", "--epochs", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
    }
}
