namespace Backprop.Training;

/// <summary>Samples ready for training: inputs as floats, one class label each.</summary>
/// <remarks>Inputs are row-major, samples × <see cref="InputSize"/>.</remarks>
public sealed class TrainingData
{
    /// <summary>Initializes the data set.</summary>
    /// <param name="inputs">Samples × inputSize values; not copied.</param>
    /// <param name="labels">One class index per sample; not copied.</param>
    /// <param name="inputSize">Values per sample.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <exception cref="ArgumentException">The lengths do not agree or a label is out of range.
    /// </exception>
    public TrainingData(float[] inputs, byte[] labels, int inputSize, int classCount)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        if (inputs.LongLength != (long)labels.Length * inputSize)
        {
            throw new ArgumentException(
                $"{labels.Length} samples of {inputSize} values need "
                + $"{(long)labels.Length * inputSize} "
                + $"inputs; got {inputs.Length}.",
                nameof(inputs));
        }

        for (var n = 0; n < labels.Length; n++)
        {
            if (labels[n] >= classCount)
            {
                throw new ArgumentException(
                    $"Sample {n} has label {labels[n]}; there are {classCount} classes.",
                    nameof(labels));
            }
        }

        Inputs = inputs;
        Labels = labels;
        InputSize = inputSize;
        ClassCount = classCount;
    }

    /// <summary>Gets the inputs, samples × InputSize.</summary>
    public float[] Inputs { get; }

    /// <summary>Gets the class label of each sample.</summary>
    public byte[] Labels { get; }

    /// <summary>Gets the number of values per sample.</summary>
    public int InputSize { get; }

    /// <summary>Gets the number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Gets the number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Returns one sample's inputs.</summary>
    /// <param name="n">The sample index.</param>
    /// <returns>InputSize values.</returns>
    public ReadOnlySpan<float> Sample(int n) => Inputs.AsSpan(n * InputSize, InputSize);

    /// <summary>Writes the target of one sample.</summary>
    /// <remarks>One-hot, or the label itself (0 or 1) for a one-output network.</remarks>
    /// <param name="n">The sample index.</param>
    /// <param name="target">Destination, the network's output size.</param>
    public void Target(int n, Span<float> target)
    {
        target.Clear();
        if (target.Length == 1)
        {
            // One output unit (logistic regression): the label is the target, 0 or 1.
            target[0] = Labels[n];
            return;
        }

        target[Labels[n]] = 1f;
    }
}
