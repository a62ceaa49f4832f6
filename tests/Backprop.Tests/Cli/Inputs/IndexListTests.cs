using Backprop.Cli;
using Backprop.Cli.Inputs;

namespace Backprop.Tests.Cli.Inputs;

public sealed class IndexListTests
{
    [Fact]
    public void Parse_ListAndRanges_KeepsTheOrderGiven()
    {
        Assert.Equal([7, 0, 3, 4, 5, 7], IndexList.Parse("7, 0,3-5,7", "--index"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("1,,2")]
    [InlineData("5-2")]
    [InlineData("-1")]
    [InlineData("1-")]
    [InlineData("0-10000")]
    [InlineData("99999999999")]
    public void Parse_Malformed_ThrowsUsageException(string text)
    {
        var e = Assert.Throws<UsageException>(() => IndexList.Parse(text, "--index"));

        Assert.StartsWith("--index ", e.Message);
    }
}
