using Backprop.Cli.Training;
using Backprop.Training;

namespace Backprop.Tests.Cli.Training;

public sealed class MetricsCsvTests
{
    private static readonly EpochMetrics[] Rows =
    [
        new(1, 2.3, 0.25, 2.1, 0.5, 0.1, 1.5),
        new(2, 1.9, 0.5, 1.8, 0.75, 0, 1.25),
    ];

    [Fact]
    public void Read_WhatWriteWrote_GivesTheSameRows()
    {
        Assert.Equal(Rows, MetricsCsv.Read(MetricsCsv.Write(Rows), "c", 2));
    }

    [Theory]
    [InlineData("1,NaN,0.25,2.1,0.5,0.1,1.5", "c: metrics line 2: 'NaN' is not a finite number")]
    [InlineData("1,2.3,0.25,Infinity,0.5,0.1,1.5", "'Infinity' is not a finite number ≥ 0")]
    [InlineData("1,2.3,1.25,2.1,0.5,0.1,1.5", "'1.25' is not a number from 0 to 1")]
    [InlineData("1,2.3,0.25,2.1,0.5,0.1,-4", "'-4' is not a finite number ≥ 0")]
    [InlineData("7,2.3,0.25,2.1,0.5,0.1,1.5", "expected epoch 1 and 6 numbers, found '7,")]
    [InlineData("1,2.3", "expected epoch 1 and 6 numbers, found '1,2.3'")]
    public void Read_BadRow_ThrowsInvalidDataNamingLineAndValue(string row, string problem)
    {
        var text = MetricsCsv.Header + "\n" + row + "\n";

        var e = Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(text, "c", 1));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowsNotMatchingFinishedEpochs_ThrowsInvalidData()
    {
        var e = Assert.Throws<InvalidDataException>(
            () => MetricsCsv.Read(MetricsCsv.Write(Rows), "c", 1));

        Assert.Equal("c: the metrics hold 2 epochs; the checkpoint has finished 1", e.Message);
    }
}
