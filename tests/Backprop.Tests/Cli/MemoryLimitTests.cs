using Backprop.Cli;

namespace Backprop.Tests.Cli;

public class MemoryLimitTests
{
    [Theory]
    [InlineData("512MB", 512_000_000L)]
    [InlineData("2GB", 2_000_000_000L)]
    [InlineData("2gb", 2_000_000_000L)]
    [InlineData("2 GB", 2_000_000_000L)]
    [InlineData("2G", 2_000_000_000L)]
    [InlineData("1.5GiB", 1_610_612_736L)]
    [InlineData("64KiB", 65_536L)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("100", 100L)]
    [InlineData("100B", 100L)]
    public void Parse_Size_GivesBytes(string text, long bytes)
    {
        Assert.Equal(bytes, MemoryLimit.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("GB")]
    [InlineData("0")]
    [InlineData("0.5")]
    [InlineData("-1GB")]
    [InlineData("1e9")]
    [InlineData("2XB")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("99999999EB")]
    [InlineData("1,5GB")]
    public void Parse_NotASize_GivesNull(string text)
    {
        Assert.Null(MemoryLimit.Parse(text));
    }

    [Theory]
    [InlineData(999, "999 B")]
    [InlineData(1000, "1.0 KB")]
    [InlineData(512e6, "512 MB")]
    [InlineData(2.1e9, "2.1 GB")]
    [InlineData(24e9, "24 GB")]
    public void Format_UsesDecimalUnits(double bytes, string text)
    {
        Assert.Equal(text, MemoryLimit.Format(bytes));
    }

    [Fact]
    public void Default_IsHalfTheAvailableMemory()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

        Assert.Equal(available / 2, MemoryLimit.Default);
    }
}
