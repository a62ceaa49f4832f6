using Backprop.Data;

namespace Backprop.Tests.Data;

public sealed class CsvReaderTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    // Rows of 3 x 5 images: pixel (n, r, s) = 100 n + 10 r + s, as in IdxBytes.
    private static string Row(int label, int n)
    {
        var fields = new List<int> { label };
        for (var i = 0; i < 15; i++)
        {
            fields.Add(IdxBytes.Pixel(n, i / 5, i % 5));
        }

        return string.Join(",", fields);
    }

    private LabeledImages Read(string text) => CsvReader.Read(Write(text), rows: 3, columns: 5);

    private string Write(string text) => temp.WriteText("train.csv", text);

    [Fact]
    public void Read_NoHeader_ReadsRowsRowMajor()
    {
        var set = Read($"{Row(4, 0)}\n{Row(9, 2)}\n");

        Assert.Equal((2, 3, 5), (set.Count, set.Rows, set.Columns));
        Assert.Equal([4, 9], set.Labels);
        Assert.Equal(IdxBytes.Pixel(2, 1, 3), set.Image(1)[1 * 5 + 3]);
    }

    [Fact]
    public void Read_HeaderLine_IsSkipped()
    {
        var set = Read($"label,p1,p2\r\n{Row(4, 0)}\r\n{Row(5, 1)}");

        Assert.Equal([4, 5], set.Labels);
    }

    [Fact]
    public void Read_BlankLinesAndSpaces_AreAccepted()
    {
        var set = Read($"\n{Row(4, 0).Replace(",", " , ", StringComparison.Ordinal)}\n\n");

        Assert.Equal(IdxBytes.Pixel(0, 2, 4), set.Image(0)[14]);
    }

    [Fact]
    public void Read_DefaultSize_Is28By28()
    {
        var path = Write("3," + string.Join(",", new int[784]));

        var set = CsvReader.Read(path);

        Assert.Equal((1, 28, 28), (set.Count, set.Rows, set.Columns));
    }

    [Fact]
    public void Read_TooFewFields_ThrowsNamingLine()
    {
        var path = Write($"label\n{Row(4, 0)}\n1,2,3\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path, 3, 5));

        Assert.Equal($"{path}: line 3: 16 fields expected (a label and 15 pixels), 3 found",
            e.Message);
    }

    [Fact]
    public void Read_TooManyFields_ThrowsNamingLine()
    {
        var path = Write($"{Row(4, 0)},7,7,7");

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path, 3, 5));

        Assert.Equal(
            $"{path}: line 1: 16 fields expected (a label and 15 pixels), more found",
            e.Message);
    }

    [Fact]
    public void Read_PixelAbove255_ThrowsNamingLineAndField()
    {
        var path = Write($"{Row(4, 0)}\n{Row(4, 0)[..^2]}256");

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path, 3, 5));

        Assert.Equal($"{path}: line 2: field 16: '256' is not a pixel 0..255", e.Message);
    }

    [Fact]
    public void Read_LabelAbove9_ThrowsNamingLine()
    {
        var path = Write(Row(12, 0));

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path, 3, 5));

        Assert.Equal($"{path}: line 1: field 1: '12' is not a label 0..9", e.Message);
    }

    [Fact]
    public void Read_HeaderAfterFirstLine_IsAnError()
    {
        var path = Write($"{Row(1, 0)}\nlabel,x\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path, 3, 5));

        Assert.StartsWith($"{path}: line 2: ", e.Message);
    }

    [Theory]
    [InlineData("x9")]
    [InlineData("+9")]
    public void Read_FirstRowWithOneCorruptField_IsAnErrorNotAHeader(string label)
    {
        var path = Write($"{label}{Row(9, 0)[1..]}\n{Row(4, 1)}\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path, 3, 5));

        Assert.Equal($"{path}: line 1: field 1: '{label}' is not a label 0..9", e.Message);
    }

    [Fact]
    public void Read_OnlyHeader_ThrowsNoDataRows()
    {
        var path = Write("label,p1\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path, 3, 5));

        Assert.Equal($"{path}: no data rows", e.Message);
    }

    [Fact]
    public void Read_LineFarLongerThanARow_ThrowsBeforeReadingIt()
    {
        var path = Write(new string('1', 100_000));

        var e = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path, 3, 5));

        Assert.StartsWith($"{path}: line 1 is longer than", e.Message);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        var path = Path.Combine(temp.Root, "absent.csv");

        var e = Assert.Throws<FileNotFoundException>(() => CsvReader.Read(path));

        Assert.Equal($"{path}: no such file", e.Message);
    }
}
