using System.Globalization;
using System.Text;
using Backprop.Data;

namespace Backprop.Tests.Data;

public sealed class MnistJsonReaderTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    // Digit d gets d % 3 + 1 images; image n of digit d has every pixel (10 d + n) / 255.
    private string WriteDigits(string folder)
    {
        for (var d = 0; d < 10; d++)
        {
            var values = new List<string>();
            for (var n = 0; n < d % 3 + 1; n++)
            {
                var v = Math.Round((10 * d + n) / 255.0, 3);
                values.AddRange(Enumerable.Repeat(v.ToString(CultureInfo.InvariantCulture), 784));
            }

            WriteDigit(folder, d, string.Join(",", values));
        }

        return Path.Combine(temp.Root, folder);
    }

    private string WriteDigit(string folder, int digit, string data) =>
        temp.WriteText(Path.Combine(folder, $"{digit}.json"), $"{{ \"data\": [{data}]}}");

    private static string Image(string value) => string.Join(",", Enumerable.Repeat(value, 784));

    [Fact]
    public void Read_DigitsFolder_LabelsEachImageByItsFile()
    {
        var set = MnistJsonReader.Read(WriteDigits("digits"));

        Assert.Equal((19, 28, 28), (set.Count, set.Rows, set.Columns));
        Assert.Equal([1, 2, 3, 1, 2, 3, 1, 2, 3, 1], set.CountPerClass());
        Assert.Equal([0, 1, 1, 2, 2, 2], set.Labels[..6]);
    }

    [Fact]
    public void Read_ValuesRoundedTimes255_RecoverOriginalBytes()
    {
        var set = MnistJsonReader.Read(WriteDigits("digits"));

        Assert.Equal(0, set.Image(0)[0]);
        Assert.Equal(21, set.Image(4)[783]);
        Assert.Equal(90, set.Image(18)[400]);
    }

    [Fact]
    public void Read_PackageRoot_FindsSrcDigits()
    {
        WriteDigits(Path.Combine("package", "src", "digits"));

        Assert.Equal(19, MnistJsonReader.Read(temp.Root).Count);
        Assert.Equal(19, MnistJsonReader.Read(Path.Combine(temp.Root, "package")).Count);
    }

    [Fact]
    public void ReadDigitFile_HalfAndOne_RoundHalfAwayFromZero()
    {
        var path = WriteDigit("d", 0, "0.5,1,0.2,0.624," + string.Join(",", new int[780]));

        var pixels = MnistJsonReader.ReadDigitFile(path);

        Assert.Equal([128, 255, 51, 159], pixels[..4]);
    }

    [Fact]
    public void ReadDigitFile_NotMultipleOf784_ThrowsInvalidData()
    {
        var path = WriteDigit("d", 3, Image("0") + ",0");

        var e = Assert.Throws<InvalidDataException>(() => MnistJsonReader.ReadDigitFile(path));

        Assert.Equal($"{path}: data holds 785 values, not a multiple of 784 (28 x 28)", e.Message);
    }

    [Theory]
    [InlineData("1.5", "data[0] is 1.5, outside [0, 1]")]
    [InlineData("-0.25", "data[0] is -0.25, outside [0, 1]")]
    [InlineData("1e400", "data[0] is not a finite number")]
    [InlineData("\"0.5\"", "data[0] is a String, not a number")]
    public void ReadDigitFile_BadValue_ThrowsInvalidDataNamingIndex(string value, string problem)
    {
        var path = WriteDigit("d", 3, value + "," + Image("0")[2..]);

        var e = Assert.Throws<InvalidDataException>(() => MnistJsonReader.ReadDigitFile(path));

        Assert.Equal($"{path}: {problem}", e.Message);
    }

    [Fact]
    public void ReadDigitFile_NoDataProperty_ThrowsInvalidData()
    {
        var path = temp.WriteText("0.json", "{\"pixels\": [1, 2]}");

        var e = Assert.Throws<InvalidDataException>(() => MnistJsonReader.ReadDigitFile(path));

        Assert.Equal($"{path}: no \"data\" array", e.Message);
    }

    [Fact]
    public void ReadDigitFile_NotJson_ThrowsInvalidDataWithLine()
    {
        var path = temp.WriteText("0.json", "{\"data\": [0,\n0,,]}");

        var e = Assert.Throws<InvalidDataException>(() => MnistJsonReader.ReadDigitFile(path));

        Assert.StartsWith($"{path}: not valid JSON at line 2", e.Message);
    }

    [Fact]
    public void ReadDigitFile_OverSizeLimit_ThrowsInvalidData()
    {
        var path = temp.Write("0.json", Encoding.ASCII.GetBytes(new string(' ', 1 << 10)));
        using (var stream = File.OpenWrite(path))
        {
            stream.SetLength(MnistJsonReader.MaxFileBytes + 1);
        }

        var e = Assert.Throws<InvalidDataException>(() => MnistJsonReader.ReadDigitFile(path));

        Assert.StartsWith($"{path}: 67108865 bytes; digit files are read up to", e.Message);
    }

    [Fact]
    public void Read_MissingDigitFile_ThrowsFileNotFoundNamingIt()
    {
        var folder = WriteDigits("digits");
        var missing = Path.Combine(folder, "7.json");
        File.Delete(missing);

        var e = Assert.Throws<FileNotFoundException>(() => MnistJsonReader.Read(folder));

        Assert.Equal($"{missing}: no such file", e.Message);
    }

    [Fact]
    public void Read_FolderWithoutDigits_ThrowsDirectoryNotFound()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => MnistJsonReader.Read(temp.Root));

        Assert.StartsWith($"{temp.Root}: no MNIST digit files", e.Message);
    }

    [Fact]
    public void ReadDigitFile_Utf8ByteOrderMark_IsSkipped()
    {
        var text = Encoding.UTF8.GetBytes($"{{\"data\": [{Image("1")}]}}");
        var path = temp.Write("bom.json", [0xEF, 0xBB, 0xBF, .. text]);

        Assert.Equal(784, MnistJsonReader.ReadDigitFile(path).Length);
    }

    [Fact]
    public void ReadDigitFile_NaNLiteral_GivesPositionAndReason()
    {
        var path = temp.WriteText("nan.json", "{\"data\": [0.5, NaN]}");

        var e = Assert.Throws<InvalidDataException>(() => MnistJsonReader.ReadDigitFile(path));

        Assert.Equal(
            $"{path}: not valid JSON at line 1, byte 16: 'N' is an invalid start of a value",
            e.Message);
    }
}
