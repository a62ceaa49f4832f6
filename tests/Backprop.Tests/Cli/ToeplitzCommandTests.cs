namespace Backprop.Tests.Cli;

public sealed class ToeplitzCommandTests
{
    [Fact]
    public void Toeplitz_PaperExample_PrintsCorrectedRowsAndNote()
    {
        var result = CliRunner.Run("toeplitz", "--input", "3x3", "--kernel", "2x2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(
            "  3 z2,1     0    0    0   k1   k2    0   k3   k4    0", result.Out,
            StringComparison.Ordinal);
        Assert.Contains(
            "  4 z2,2     0    0    0    0   k1   k2    0   k3   k4", result.Out,
            StringComparison.Ordinal);
        Assert.Contains("paper's example (section 3.5), corrected", result.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Toeplitz_Values_PrintsNumericMatrix()
    {
        var result = CliRunner.Run(
            "toeplitz", "--input", "3x3", "--kernel", "2x2", "--values", "1.5,-2,0.25,4");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  1 z1,1   1.5   -2    0 0.25    4    0    0    0    0", result.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Toeplitz_StrideAndPadding_HaveNoPaperNote()
    {
        var result = CliRunner.Run(
            "toeplitz", "--input", "4x4", "--kernel", "3x3", "--stride", "2", "--padding", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("4 × 16", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("paper's example", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Toeplitz_KernelLargerThanInput_IsUsageError()
    {
        var result = CliRunner.Run("toeplitz", "--input", "2x2", "--kernel", "3x3");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("larger than the padded input", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Toeplitz_WrongValueCount_IsUsageError()
    {
        var result = CliRunner.Run(
            "toeplitz", "--input", "3x3", "--kernel", "2x2", "--values", "1,2,3");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the kernel has 4 entries", result.Err, StringComparison.Ordinal);
    }
}
