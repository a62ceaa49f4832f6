using Backprop.Data;

namespace Backprop.Tests.Data;

public sealed class DataSetsTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static string CsvRows(params int[] labels) =>
        string.Join("\n", labels.Select(y => y + "," + string.Join(",", new int[784])));

    private void WriteIdxFolder(bool gzipTest)
    {
        temp.Write("train-images-idx3-ubyte", IdxBytes.Images(3, 3, 5));
        temp.Write("train-labels-idx1-ubyte", IdxBytes.Labels(1, 2, 3));
        var testImages = IdxBytes.Images(2, 3, 5);
        var testLabels = IdxBytes.Labels(4, 5);
        temp.Write("t10k-images-idx3-ubyte.gz", IdxBytes.Gzip(testImages));
        temp.Write(
            gzipTest ? "t10k-labels-idx1-ubyte.gz" : "t10k-labels-idx1-ubyte",
            gzipTest ? IdxBytes.Gzip(testLabels) : testLabels);
    }

    [Fact]
    public void Load_IdxFolder_ReadsTrainAndT10kFilesRawOrGzip()
    {
        WriteIdxFolder(gzipTest: true);

        var split = DataSets.Load(temp.Root);

        Assert.Equal(temp.Root, split.Name);
        Assert.Equal([1, 2, 3], split.Train.Labels);
        Assert.Equal([4, 5], split.Test.Labels);
        Assert.Equal((3, 5), (split.Test.Rows, split.Test.Columns));
    }

    [Fact]
    public void LoadIdxFolder_MissingFile_ThrowsFileNotFoundNamingIt()
    {
        temp.Write("train-images-idx3-ubyte", IdxBytes.Images(3, 3, 5));
        var expected = Path.Combine(temp.Root, "train-labels-idx1-ubyte.gz");

        var e = Assert.Throws<FileNotFoundException>(() => DataSets.LoadIdxFolder(temp.Root));

        Assert.StartsWith($"{expected}: no such file", e.Message);
    }

    [Fact]
    public void Load_CsvPair_ReadsBothFiles()
    {
        var train = temp.WriteText("a.csv", CsvRows(1, 2, 3));
        var test = temp.WriteText("b.csv", CsvRows(4));

        var split = DataSets.Load($"{train},{test}");

        Assert.Equal((3, 1), (split.Train.Count, split.Test.Count));
    }

    [Theory]
    [InlineData("train.csv", "test.csv")]
    [InlineData("mnist_train.csv", "mnist_test.csv")]
    public void Load_TrainCsv_FindsTestCsvBeside(string trainName, string testName)
    {
        var train = temp.WriteText(trainName, CsvRows(1, 2));
        temp.WriteText(testName, CsvRows(7));

        var split = DataSets.Load(train);

        Assert.Equal([7], split.Test.Labels);
    }

    [Fact]
    public void Load_CsvWithoutTrainInName_ThrowsArgument()
    {
        var path = temp.WriteText("digits.csv", CsvRows(1));

        var e = Assert.Throws<ArgumentException>(() => DataSets.Load(path));

        Assert.StartsWith($"{path}: the training file's name must contain \"train\"", e.Message);
    }

    [Theory]
    [InlineData("fashion", "fashion-mnist")]
    [InlineData("mnist", "mnist-10k")]
    [InlineData("mnist10k", "mnist-10k")]
    public void Load_MistypedName_SuggestsNearest(string name, string suggestion)
    {
        var e = Assert.Throws<ArgumentException>(() => DataSets.Load(name));

        Assert.Equal(
            $"{name}: not a known data set (fashion-mnist, mnist-10k) nor an existing folder "
            + $"or file; did you mean '{suggestion}'?",
            e.Message);
    }

    [Fact]
    public void Load_UnrelatedName_ListsNamesWithoutSuggestion()
    {
        var e = Assert.Throws<ArgumentException>(() => DataSets.Load("cifar"));

        Assert.EndsWith("(fashion-mnist, mnist-10k) nor an existing folder or file", e.Message);
    }

    [Fact]
    public void LoadFashionMnist_MissingFiles_SaysHowToInstall()
    {
        var e = Assert.Throws<FileNotFoundException>(() => DataSets.LoadFashionMnist(temp.Root));

        Assert.Contains("sudo apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("scripts/install-data.sh", e.Message);
    }

    [Fact]
    public void LoadMnist10k_MissingDigits_SaysHowToInstall()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => DataSets.LoadMnist10k(temp.Root));

        Assert.StartsWith($"{temp.Root}: no MNIST digit files", e.Message);
        Assert.Contains("scripts/install-data.sh", e.Message);
    }

    [Fact]
    public void LoadMnist10k_NoMoreThan8000Images_ThrowsInvalidDataNamingTheFolder()
    {
        var image = string.Join(",", Enumerable.Repeat("0.5", 784));
        for (var d = 0; d < 10; d++)
        {
            temp.WriteText($"{d}.json", $"{{\"data\": [{image}]}}");
        }

        var e = Assert.Throws<InvalidDataException>(() => DataSets.LoadMnist10k(temp.Root));

        Assert.Equal(
            $"{temp.Root}: 10 images; mnist-10k needs more than 8000 (8000 to train, the rest "
            + "to test)",
            e.Message);
    }
}
