using Backprop.Activations;
using Backprop.Losses;

namespace Backprop.Networks;

/// <summary>The named models <c>backprop train --model</c> knows, for 28 × 28 images.</summary>
public static class ModelCatalog
{
    /// <summary>LeNet-300-100: 784-300-100-10, ReLU, softmax with cross-entropy.</summary>
    /// <remarks>The paper calls it LeNet-100-300; the classic widths are 300, then 100.</remarks>
    public const string Lenet300100 = "lenet-300-100";

    /// <summary>Multinomial logistic regression: 784-10, softmax with cross-entropy.</summary>
    public const string LogisticRegression = "logistic-regression";

    /// <summary>Linear regression on one-hot targets: 784-10, identity, squared error.</summary>
    public const string LinearRegression = "linear-regression";

    /// <summary>
    /// LeNet-5: conv 6@5×5 (padding 2), ReLU, max-pool 2, conv 16@5×5, ReLU, max-pool 2,
    /// dense 120, ReLU, 84, ReLU, 10 softmax with cross-entropy, on one-channel images.
    /// </summary>
    /// <remarks>ReLU and max-pooling replace the original's scaled tanh and subsampling.
    /// </remarks>
    public const string Lenet5 = "lenet-5";

    /// <summary>Gets every model name.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [Lenet300100, Lenet5, LogisticRegression, LinearRegression];

    /// <summary>Builds a named model for one-channel images and a number of classes.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="rows">Image height (28 for MNIST).</param>
    /// <param name="columns">Image width (28 for MNIST).</param>
    /// <param name="classes">The number of classes.</param>
    /// <returns>The network, or null when the name is not known.</returns>
    /// <exception cref="ArgumentException">The images are too small for the model's
    /// kernels.</exception>
    public static NetworkDescription? TryCreate(string name, int rows, int columns, int classes)
    {
        if (name != Lenet5)
        {
            return TryCreate(name, rows * columns, classes);
        }

        var same = new Size2d(1, 1);
        var pool = new MaxPool2dLayerDescription(new Size2d(2, 2), new Size2d(2, 2));
        return new NetworkDescription(
            [1, rows, columns],
            [
                new Conv2dLayerDescription(
                    6, new Size2d(5, 5), same, new Size2d(2, 2), ActivationKind.Relu),
                pool,
                new Conv2dLayerDescription(
                    16, new Size2d(5, 5), same, new Size2d(0, 0), ActivationKind.Relu),
                pool,
                new FlattenLayerDescription(),
                new DenseLayerDescription(120, ActivationKind.Relu),
                new DenseLayerDescription(84, ActivationKind.Relu),
                new DenseLayerDescription(classes, ActivationKind.Softmax),
            ],
            LossKind.CrossEntropy);
    }

    /// <summary>Builds a named dense model for inputs of a given size and a number of classes.
    /// </summary>
    /// <remarks><see cref="Lenet5"/> needs the image's rows and columns; here it gives null.
    /// </remarks>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="inputSize">Values per input sample (784 for 28 × 28 images).</param>
    /// <param name="classes">The number of classes.</param>
    /// <returns>The network, or null when the name is not known.</returns>
    public static NetworkDescription? TryCreate(string name, int inputSize, int classes) =>
        name switch
        {
            Lenet300100 => new NetworkDescription(
                [inputSize],
                [
                    new DenseLayerDescription(300, ActivationKind.Relu),
                    new DenseLayerDescription(100, ActivationKind.Relu),
                    new DenseLayerDescription(classes, ActivationKind.Softmax),
                ],
                LossKind.CrossEntropy),
            LogisticRegression => new NetworkDescription(
                [inputSize],
                [new DenseLayerDescription(classes, ActivationKind.Softmax)],
                LossKind.CrossEntropy),
            LinearRegression => new NetworkDescription(
                [inputSize],
                [new DenseLayerDescription(classes, ActivationKind.Identity)],
                LossKind.SquaredError),
            _ => null,
        };
}
