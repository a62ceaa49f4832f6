namespace Backprop.Data;

/// <summary>A data set divided into a training set and a test set.</summary>
/// <param name="Name">The data set's name or the path it was loaded from.</param>
/// <param name="Train">The training images.</param>
/// <param name="Test">The test images.</param>
public sealed record DataSplit(string Name, LabeledImages Train, LabeledImages Test);
