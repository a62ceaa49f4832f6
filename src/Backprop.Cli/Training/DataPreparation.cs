using Backprop.Data;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Cli.Training;

/// <summary>Turns labelled images into training data for a network, with checks.</summary>
internal static class DataPreparation
{
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
        var inputs = new float[images.Pixels.LongLength];
        scaling.Apply(images.Pixels, inputs);
        var inputSize = images.Rows * images.Columns;
        return new TrainingData(inputs, images.Labels, inputSize, images.ClassCount);
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
            if (!File.Exists(model))
            {
                throw new UsageException(
                    $"--model: '{model}' is neither a known model nor a file; "
                    + NetworkReader.Suggest(model, ModelCatalog.Names));
            }

            network = NetworkReader.ReadFile(model);
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
