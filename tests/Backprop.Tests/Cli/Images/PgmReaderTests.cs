using System.Text;
using Backprop.Cli.Images;
using Backprop.Tests.Data;

namespace Backprop.Tests.Cli.Images;

public sealed class PgmReaderTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private GrayImage Read(byte[] bytes) => PgmReader.Read(temp.Write("image.pgm", bytes));

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private InvalidDataException Rejects(byte[] bytes)
    {
        var path = temp.Write("bad.pgm", bytes);
        var e = Assert.Throws<InvalidDataException>(() => PgmReader.Read(path));
        Assert.StartsWith($"{path}: ", e.Message);
        return e;
    }

    [Fact]
    public void Read_BinaryNonSquare_KeepsRowsAndColumns()
    {
        var pixels = Enumerable.Range(0, 15).Select(i => (byte)i);

        var image = Read([.. Ascii("P5\n5 3\n255\n"), .. pixels]);

        Assert.Equal((5, 3), (image.Width, image.Height));
        Assert.Equal(2 * 5 + 3, image.Pixels[(2 * 5) + 3]);
    }

    [Fact]
    public void Read_PlainWithComments_ReadsEveryValue()
    {
        var image = Read(Ascii("P2 # plain\n# size\n2 2 # w h\n255\n0 10\n# row 2\n200 255\n"));

        Assert.Equal([0, 10, 200, 255], image.Pixels);
    }

    [Fact]
    public void Read_MaximumBelow255_ScalesToFullRange()
    {
        var image = Read(Ascii("P2\n3 1\n15\n0 7 15\n"));

        Assert.Equal([0, 119, 255], image.Pixels);
    }

    [Fact]
    public void Read_SixteenBitBinary_ReadsMostSignificantByteFirst()
    {
        var image = Read([.. Ascii("P5 2 1 65535\n"), 0xFF, 0xFF, 0x80, 0x00]);

        Assert.Equal([255, 128], image.Pixels);
    }

    [Fact]
    public void Read_TruncatedBinary_ThrowsWithBothLengths()
    {
        var e = Rejects([.. Ascii("P5\n4 4\n255\n"), .. new byte[10]]);

        Assert.Contains("truncated: 16 pixel bytes expected, 10 found", e.Message);
    }

    [Fact]
    public void Read_DataAfterTheImage_Throws()
    {
        var e = Rejects([.. Ascii("P5\n2 2\n255\n"), .. new byte[5]]);

        Assert.Contains("4 pixel bytes expected, 5 found", e.Message);
    }

    [Fact]
    public void Read_TruncatedPlain_Throws()
    {
        var e = Rejects(Ascii("P2\n2 2\n255\n1 2 3"));

        Assert.Contains("truncated: 4 pixel values expected", e.Message);
    }

    [Fact]
    public void Read_HugeHeader_ThrowsBeforeAllocating()
    {
        var e = Rejects([.. Ascii("P5\n60000 60000\n255\n"), 0]);

        Assert.Contains("larger than", e.Message);
    }

    [Fact]
    public void Read_ValueAboveMaximum_Throws()
    {
        var e = Rejects(Ascii("P2\n1 1\n10\n11\n"));

        Assert.Contains("pixel 0 is 11, above the maximum 10", e.Message);
    }

    [Theory]
    [InlineData("P2\n0 3\n255\n")]
    [InlineData("P2\n1 1\n0\n0\n")]
    [InlineData("P2\n1 1\n70000\n0\n")]
    [InlineData("P2\n1 x\n255\n0\n")]
    [InlineData("P5\n1 1\n255")]
    [InlineData("P2\n99999999999 1\n255\n0\n")]
    [InlineData("P2\n")]
    public void Read_BadHeader_Throws(string header)
    {
        Rejects(Ascii(header));
    }
}
