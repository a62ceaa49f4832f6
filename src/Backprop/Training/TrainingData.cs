namespace Backprop.Training;

/// <summary>Samples ready for training: inputs as floats, one class label each.</summary>
/// <remarks>Inputs are row-major, samples × <see cref="InputSize"/>. Images are held as their
/// pixel bytes with the input scaling, a quarter of the memory of floats, and converted when
/// samples are copied out (<see cref="CopySample"/>, <see cref="CopySamples"/>).</remarks>
public sealed class TrainingData
{
    private readonly byte[]? pixels;
    private readonly InputScaling? scaling;
    private float[]? values;

    /// <summary>Initializes the data set from inputs.</summary>
    /// <param name="inputs">Samples × inputSize values; not copied.</param>
    /// <param name="labels">One class index per sample; not copied.</param>
    /// <param name="inputSize">Values per sample.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <exception cref="ArgumentException">The lengths do not agree or a label is out of range.
    /// </exception>
    public TrainingData(float[] inputs, byte[] labels, int inputSize, int classCount)
        : this(inputs?.LongLength ?? 0, labels, inputSize, classCount)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        values = inputs;
    }

    /// <summary>Initializes the data set from pixel bytes and their scaling.</summary>
    /// <param name="pixels">Samples × inputSize bytes; not copied.</param>
    /// <param name="scaling">How a byte becomes an input.</param>
    /// <param name="labels">One class index per sample; not copied.</param>
    /// <param name="inputSize">Values per sample.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <exception cref="ArgumentException">The lengths do not agree or a label is out of range.
    /// </exception>
    public TrainingData(
        byte[] pixels,
        InputScaling scaling,
        byte[] labels,
        int inputSize,
        int classCount)
        : this(pixels?.LongLength ?? 0, labels, inputSize, classCount)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(scaling);
        this.pixels = pixels;
        this.scaling = scaling;
        var table = scaling.Table();
        InputBound = Math.Max(Math.Abs(table.Min()), Math.Abs(table.Max()));
    }

    private TrainingData(long inputs, byte[] labels, int inputSize, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        if (inputs != (long)labels.Length * inputSize)
        {
            throw new ArgumentException(
                $"{labels.Length} samples of {inputSize} values need "
                + $"{(long)labels.Length * inputSize} "
                + $"inputs; got {inputs}.",
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

        Labels = labels;
        InputSize = inputSize;
        ClassCount = classCount;
    }

    /// <summary>Gets the inputs, samples × InputSize.</summary>
    /// <remarks>For data held as pixel bytes the floats are made on first use; the trainer
    /// and the evaluation copy samples out instead.</remarks>
    public float[] Inputs => values ?? LazyInitializer.EnsureInitialized(ref values, Convert);

    /// <summary>Gets the class label of each sample.</summary>
    public byte[] Labels { get; }

    /// <summary>Gets the number of values per sample.</summary>
    public int InputSize { get; }

    /// <summary>Gets the number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Gets the number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Returns one sample's inputs.</summary>
    /// <remarks>Uses <see cref="Inputs"/>; <see cref="CopySample"/> does not.</remarks>
    /// <param name="n">The sample index.</param>
    /// <returns>InputSize values.</returns>
    public ReadOnlySpan<float> Sample(int n) => Inputs.AsSpan(n * InputSize, InputSize);

    /// <summary>Writes one sample's inputs.</summary>
    /// <param name="n">The sample index.</param>
    /// <param name="destination">At least InputSize values.</param>
    public void CopySample(int n, Span<float> destination) => CopySamples(n, 1, destination);

    /// <summary>Writes the inputs of consecutive samples, row after row.</summary>
    /// <param name="start">The first sample.</param>
    /// <param name="count">The number of samples.</param>
    /// <param name="destination">At least count × InputSize values.</param>
    public void CopySamples(int start, int count, Span<float> destination)
    {
        var from = (long)start * InputSize;
        var length = count * InputSize;
        if (values is not null || pixels is null || scaling is null)
        {
            Inputs.AsSpan((int)from, length).CopyTo(destination);
            return;
        }

        scaling.Convert(pixels.AsSpan((int)from, length), destination[..length]);
    }

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

    /// <summary>Gets the largest |input| any sample can hold when the data are pixel bytes
    /// (the largest |entry| of the scaling table), else null.</summary>
    internal float? InputBound { get; }

    /// <summary>Reads one value of each cache line of some samples, so that their memory is
    /// being fetched, all at once, before they are copied one after another.</summary>
    /// <param name="order">Sample indices.</param>
    /// <returns>A sum of the values read (so that the reads are not left out).</returns>
    internal int Touch(ReadOnlySpan<int> order)
    {
        var sum = 0;
        if (pixels is null)
        {
            return sum;
        }

        foreach (var n in order)
        {
            var from = (long)n * InputSize;
            for (var i = 0; i < InputSize; i += 64)
            {
                sum += pixels[from + i];
            }
        }

        return sum;
    }

    private float[] Convert()
    {
        var all = new float[pixels!.LongLength];
        CopySamples(0, Count, all);
        return all;
    }
}
