using System.Globalization;
using Backprop.Activations;
using Backprop.Data;
using Backprop.Losses;
using Backprop.Networks;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Cli.Models;

/// <summary>A model file read for evaluation or prediction, with what the CLI needs.</summary>
internal sealed class LoadedModel
{
    private LoadedModel(string path, ModelFile file)
    {
        Path = path;
        File = file;
    }

    /// <summary>Gets the model file's path as the user gave it.</summary>
    public string Path { get; }

    /// <summary>Gets the model: network, θ, input scaling and metadata.</summary>
    public ModelFile File { get; }

    /// <summary>Gets the network.</summary>
    public NetworkDescription Network => File.Network;

    /// <summary>Gets the number of classes the outputs stand for (2 for one sigmoid output).
    /// </summary>
    public int ClassCount => Math.Max(Network.OutputSize, 2);

    /// <summary>Gets the data set named by the model's <c>data</c> metadata, or null.</summary>
    public string? DataName => File.Metadata.TryGetValue("data", out var name) ? name : null;

    /// <summary>Gets whether the outputs are class probabilities.</summary>
    /// <remarks>
    /// True for softmax outputs and for one sigmoid output (P(class 1)); identity, tanh or
    /// several sigmoid outputs give scores that need not sum to 1.
    /// </remarks>
    public bool OutputsAreProbabilities => Network.OutputActivation == ActivationKind.Softmax
        || (Network.OutputActivation == ActivationKind.Sigmoid && Network.OutputSize == 1);

    /// <summary>Reads a model file.</summary>
    /// <param name="path">The file, as the user gave it.</param>
    /// <returns>The model.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The path is a folder or the file is not a valid
    /// model file; the message starts with the path.</exception>
    public static LoadedModel Load(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"{path}: is a folder, not a model file");
        }

        if (!System.IO.File.Exists(path))
        {
            var problem = FileProblem.Missing(path);
            throw new FileNotFoundException(
                $"{path}: {(problem == "no such file" ? "no such model file" : problem)}", path);
        }

        var model = ModelFile.Load(path);
        // The pair train refuses cannot come from train: the metadata was edited.
        Training.DataPreparation.CheckTrainable(model.Network, $"{path} (metadata 'network')");
        return new LoadedModel(path, model);
    }

    /// <summary>Creates a fast engine holding the model's θ.</summary>
    /// <param name="batchCapacity">The largest batch it will be given.</param>
    /// <returns>The engine, ready for <see cref="Trainer.Evaluate"/> or prediction.</returns>
    public FastNetwork<float> CreateEngine(int batchCapacity)
    {
        var engine = new FastNetwork<float>(Network, batchCapacity);
        File.Theta.CopyTo(engine.Theta, 0);
        return engine;
    }

    /// <summary>Gets the image size the model takes, when its input is an image.</summary>
    /// <remarks>
    /// The last two dimensions of a multi-dimensional input shape; for a flat input of n
    /// values, √n × √n when n is a perfect square (784 gives 28 × 28); otherwise null.
    /// </remarks>
    /// <returns>(rows, columns), or null.</returns>
    public (int Rows, int Columns)? ImageSize()
    {
        var shape = Network.InputShape;
        if (shape.Count >= 2)
        {
            return (shape[^2], shape[^1]);
        }

        var side = (int)Math.Round(Math.Sqrt(Network.InputSize));
        return side * side == Network.InputSize ? (side, side) : null;
    }

    /// <summary>Checks that images and labels fit the model's input and output sizes.</summary>
    /// <param name="images">The images with their labels.</param>
    /// <param name="what">How to name the images in messages, such as "fashion-mnist test".
    /// </param>
    /// <exception cref="InvalidDataException">The sizes do not match; the message names the
    /// model file and both sizes.</exception>
    public void CheckFits(LabeledImages images, string what)
    {
        if (Network.InputShape.Count > 1 && !Network.TakesImages(images.Rows, images.Columns))
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{Path}: the model takes inputs of shape {Network.InputShapeText}, but the "
                + $"{what} images are {images.Rows} x {images.Columns} "
                + $"(shape [1, {images.Rows}, {images.Columns}])"));
        }

        if (images.PixelsPerImage != Network.InputSize)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{Path}: the model takes {Network.InputSize} inputs, but the {what} images are "
                + $"{images.Rows} x {images.Columns} = {images.PixelsPerImage} pixels"));
        }

        var outputs = Network.OutputSize;
        if (outputs == images.ClassCount || (outputs == 1 && HasOnlyBinaryLabels(images)))
        {
            return;
        }

        var binary = outputs == 1 ? " (one output fits only labels 0 and 1)" : "";
        throw new InvalidDataException(string.Create(
            CultureInfo.InvariantCulture,
            $"{Path}: the model has {outputs} outputs, but the {what} data has "
            + $"{images.ClassCount} classes{binary}"));
    }

    /// <summary>The error for a sample whose output is NaN or infinite.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="sample">The sample, such as "test sample 3".</param>
    /// <param name="value">The first value that is not finite.</param>
    /// <returns>The exception to throw.</returns>
    public static InvalidDataException NonFiniteOutput(string path, string sample, float value)
    {
        var text = float.IsNaN(value) ? "NaN" : value > 0 ? "+∞" : "−∞";
        return new InvalidDataException(
            $"{path}: the output for {sample} is not finite ({text}); "
            + "the model's weights overflow");
    }

    /// <summary>Turns images into network inputs with the model's input scaling.</summary>
    /// <param name="images">The images, already checked by <see cref="CheckFits"/>.</param>
    /// <returns>The samples: x = (p / 255 − mean) / deviation per pixel, and the labels.
    /// </returns>
    public TrainingData ToTrainingData(LabeledImages images)
    {
        return new TrainingData(
            images.Pixels, File.Scaling, images.Labels, Network.InputSize, ClassCount);
    }

    /// <summary>Describes the network in a few words for headers.</summary>
    /// <returns>Text such as <c>784-10, softmax + cross-entropy, 7850 parameters</c>.</returns>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Network.ShapeText()}, {ActivationNames.ToName(Network.OutputActivation)} + "
        + $"{LossNames.ToName(Network.Loss)}, {Network.ParameterCount:N0} parameters");

    private static bool HasOnlyBinaryLabels(LabeledImages images) =>
        images.Labels.AsSpan().IndexOfAnyInRange((byte)2, byte.MaxValue) < 0;
}
