using Backprop.Data;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Cli.Training;

/// <summary>Turns labelled images into training data for a network, with checks.</summary>
internal static class DataPreparation
{
    /// <summary>Gives a data value with every path made full; a named set is kept as is.
    /// </summary>
    /// <param name="data">A known name, a folder, a file, or "A.csv,B.csv".</param>
    /// <returns>The value a checkpoint stores, valid from any working directory.</returns>
    public static string FullData(string data) =>
        DataSets.Names.Contains(data, StringComparer.OrdinalIgnoreCase)
            ? data
            : string.Join(",", data.Split(',').Select(Path.GetFullPath));

    /// <summary>Finds the data of a resumed run whose checkpoint stored a relative path.
    /// </summary>
    /// <remarks>Each relative path is tried against the current directory, then against
    /// the parent of the run's folder (older checkpoints stored paths as typed).</remarks>
    /// <param name="data">The stored data value.</param>
    /// <param name="runFolder">The folder holding the checkpoint.</param>
    /// <param name="checkpoint">The checkpoint's path, for messages.</param>
    /// <returns>The data value with paths that exist.</returns>
    /// <exception cref="FileNotFoundException">A path exists in neither place.</exception>
    public static string ResolveStoredData(string data, string runFolder, string checkpoint)
    {
        if (DataSets.Names.Contains(data, StringComparer.OrdinalIgnoreCase))
        {
            return data;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(runFolder)) ?? ".";
        var parts = data.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            var here = Path.GetFullPath(parts[i]);
            var beside = Path.GetFullPath(parts[i], parent);
            parts[i] = Exists(here) ? here
                : Exists(beside) ? beside
                : throw new FileNotFoundException(
                    $"{checkpoint}: the run's data '{parts[i]}' is missing; looked for {here}"
                    + (beside == here ? "" : $" and {beside}"),
                    parts[i]);
        }

        return string.Join(",", parts);
    }

    private static bool Exists(string path) => Directory.Exists(path) || File.Exists(path);

    /// <summary>Checks, without reading anything, that a data set name or path can exist.
    /// </summary>
    /// <remarks>
    /// Accepted: a known name (any case), "A.csv,B.csv", or an existing folder or file. Other
    /// text is a usage error suggesting the nearest known name, so a mistyped name stops the
    /// command before a model or data file is read.
    /// </remarks>
    /// <param name="data">The value given.</param>
    /// <param name="option">The option's name, for the message.</param>
    /// <exception cref="UsageException">The value is empty or names nothing.</exception>
    public static void CheckName(string data, string option)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            throw new UsageException(
                $"{option} is empty; give {string.Join(", ", DataSets.Names)}, a folder or a "
                + "CSV file");
        }

        var known = DataSets.Names.Contains(data, StringComparer.OrdinalIgnoreCase);
        if (known || data.Contains(',', StringComparison.Ordinal)
            || Directory.Exists(data) || File.Exists(data))
        {
            return;
        }

        var nearest = NameSuggestion.Nearest(data, DataSets.Names);
        var hint = nearest is null ? "" : $"; did you mean '{nearest}'?";
        throw new UsageException(
            $"{option} {data}: not a known data set ({string.Join(", ", DataSets.Names)}) nor "
            + $"an existing folder or file{hint}");
    }

    /// <summary>Checks that a model is a catalog name or an existing file, before any data is
    /// read.</summary>
    /// <param name="model">The value of --model.</param>
    /// <exception cref="UsageException">It is neither.</exception>
    public static void CheckModelName(string model)
    {
        if (ModelCatalog.Names.Contains(model) || File.Exists(model))
        {
            return;
        }

        var problem = string.IsNullOrWhiteSpace(model)
            ? "is empty"
            : Directory.Exists(model)
                ? $"'{model}' is a folder; give a model name or a network JSON file"
                : $"'{model}' is neither a known model nor a file";
        throw new UsageException(
            $"--model: {problem}; " + NetworkReader.Suggest(model, ModelCatalog.Names));
    }

    /// <summary>Loads a named or given data set; an unknown name is a usage error.</summary>
    public static DataSplit Load(string data)
    {
        DataSplit split;
        try
        {
            split = DataSets.Load(data);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--data {e.Message}");
        }

        var (train, test) = (split.Train, split.Test);
        if (train.Count == 0 || test.Count == 0)
        {
            throw new InvalidDataException(
                $"{data}: the data set holds {train.Count} training and {test.Count} test "
                + "images; both must hold at least one");
        }

        if (train.Rows != test.Rows || train.Columns != test.Columns)
        {
            throw new InvalidDataException(
                $"{data}: training images are {train.Rows}×{train.Columns} but test images "
                + $"are {test.Rows}×{test.Columns}");
        }

        return split;
    }

    /// <summary>Checks that training can reach the loss: a log loss needs outputs in (0, 1).
    /// </summary>
    public static void CheckTrainable(NetworkDescription network, string model)
    {
        var output = network.OutputActivation;
        var bounded = output is Activations.ActivationKind.Sigmoid
            or Activations.ActivationKind.Softmax;
        if (network.Loss != Losses.LossKind.SquaredError && !bounded)
        {
            throw new InvalidDataException(
                $"{model}: {Losses.LossNames.ToName(network.Loss)} needs outputs in (0, 1), but "
                + $"the last activation {Activations.ActivationNames.ToName(output)} can leave "
                + "that range; use sigmoid or softmax");
        }
    }

    public static TrainingData Convert(LabeledImages images, InputScaling scaling)
    {
        var inputSize = images.Rows * images.Columns;
        return new TrainingData(
            images.Pixels, scaling, images.Labels, inputSize, images.ClassCount);
    }

    public static NetworkDescription ResolveModel(string model, LabeledImages images, string data)
    {
        var inputSize = images.Rows * images.Columns;
        NetworkDescription? network;
        try
        {
            network = ModelCatalog.TryCreate(
                model, images.Rows, images.Columns, images.ClassCount);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(
                $"{model}: {e.Message}; {data} images are {images.Rows} × {images.Columns}",
                e);
        }

        if (network is null)
        {
            CheckModelName(model);
            network = NetworkReader.ReadFile(model);
        }

        if (network.InputShape.Count > 1 && !network.TakesImages(images.Rows, images.Columns))
        {
            throw new InvalidDataException(
                $"{model}: the network takes inputs of shape {network.InputShapeText}; {data} "
                + $"images are {images.Rows} × {images.Columns} "
                + $"(shape [1, {images.Rows}, {images.Columns}])");
        }

        if (network.InputSize != inputSize)
        {
            throw new InvalidDataException(
                $"{model}: the network takes {network.InputSize} inputs; {data} images have "
                + $"{images.Rows} × {images.Columns} = {inputSize} pixels");
        }

        if (network.OutputSize != images.ClassCount)
        {
            throw new InvalidDataException(
                $"{model}: the network has {network.OutputSize} outputs; {data} has "
                + $"{images.ClassCount} classes");
        }

        CheckTrainable(network, model);
        return network;
    }
}
