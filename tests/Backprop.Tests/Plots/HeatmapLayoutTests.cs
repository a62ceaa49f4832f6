using Backprop.Cli.Plots;

namespace Backprop.Tests.Plots;

public class HeatmapLayoutTests
{
    [Fact]
    public void Build_Blocks_CoverColumnsAndWidthWithoutGaps()
    {
        (string, int, int)[] blocks = [("W1,b1", 0, 235_500), ("W2,b2", 235_500, 30_100)];

        var segments = HeatmapLayout.Build(blocks, 266_610, 2000);

        Assert.Equal(3, segments.Count);
        Assert.Equal(0, segments[0].StartColumn);
        Assert.Equal(0.0, segments[0].Left);
        Assert.Equal(1.0, segments[^1].Right);
        for (var s = 1; s < segments.Count; s++)
        {
            var previous = segments[s - 1];
            Assert.Equal(previous.StartColumn + previous.ColumnCount, segments[s].StartColumn);
            Assert.Equal(previous.Right, segments[s].Left);
        }
    }

    [Fact]
    public void Build_UncoveredColumns_BecomeUnlabelledRun()
    {
        (string, int, int)[] blocks = [("W2,b2", 4, 6)];

        var segments = HeatmapLayout.Build(blocks, 12, 2000);

        Assert.Equal([null, "W2,b2", null], segments.Select(s => s.Label));
        Assert.Equal([4, 6, 2], segments.Select(s => s.ColumnCount));
    }

    [Fact]
    public void Build_SmallBlock_GetsAtLeastMinimumShare()
    {
        (string, int, int)[] blocks =
        [
            ("W1,b1", 0, 235_500), ("W2,b2", 235_500, 30_100), ("W3,b3", 265_600, 1_010),
        ];

        var last = HeatmapLayout.Build(blocks, 266_610, 2000)[^1];

        // 1,010 of 266,610 columns is 0.4 % of the width; the minimum lifts it to about 7 %.
        Assert.InRange(last.Right - last.Left, 0.07, 0.08);
        Assert.InRange(last.DisplayColumns, 140, 160);
    }

    [Fact]
    public void Build_WideMatrix_DrawsAtMostMaxDisplayColumnsInAll()
    {
        (string, int, int)[] blocks = [("W1,b1", 0, 200_000), ("W2,b2", 200_000, 66_610)];

        var segments = HeatmapLayout.Build(blocks, 266_610, 2000);

        Assert.InRange(segments.Sum(s => s.DisplayColumns), 1990, 2010);
    }

    [Fact]
    public void Build_NarrowMatrix_DrawsEveryColumn()
    {
        (string, int, int)[] blocks = [("W1,b1", 0, 8), ("W2,b2", 8, 6)];

        var segments = HeatmapLayout.Build(blocks, 14, 2000);

        Assert.Equal([8, 6], segments.Select(s => s.DisplayColumns));
    }

    [Fact]
    public void Build_EmptyBlock_ThrowsArgumentException()
    {
        (string, int, int)[] blocks = [("W1,b1", 0, 0)];

        var e = Assert.Throws<ArgumentException>(() => HeatmapLayout.Build(blocks, 14, 2000));

        Assert.Equal("blocks", e.ParamName);
    }
}
