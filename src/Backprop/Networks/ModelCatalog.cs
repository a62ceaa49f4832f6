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

    /// <summary>Gets every model name.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [Lenet300100, LogisticRegression, LinearRegression];

    /// <summary>Builds a named model for inputs of a given size and a number of classes.</summary>
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
