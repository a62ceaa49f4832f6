using Backprop.Data;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Cli.Training;

/// <summary>Turns labelled images into training data for a network, with checks.</summary>
internal static class DataPreparation
{
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

        return network;
    }
}
