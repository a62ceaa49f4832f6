using static System.FormattableString;

namespace Backprop.Data;

/// <summary>A set of grey-scale images, one byte per pixel, each with a class label.</summary>
/// <remarks>
/// Pixels are stored row-major: image, then row, then column, so pixel (n, r, s) sits at
/// index n · Rows · Columns + r · Columns + s. Rows is the image height, Columns its width.
/// </remarks>
public sealed class LabeledImages
{
    /// <summary>Initializes a set from pixel bytes and labels, keeping both arrays.</summary>
    /// <param name="pixels">The pixels, row-major; length = labels × rows × columns.</param>
    /// <param name="labels">One label per image, each below <paramref name="classCount"/>.</param>
    /// <param name="rows">The image height in pixels.</param>
    /// <param name="columns">The image width in pixels.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or negative.</exception>
    /// <exception cref="ArgumentException">
    /// The pixel count does not match, or a label is not below the class count.
    /// </exception>
    public LabeledImages(byte[] pixels, byte[] labels, int rows, int columns, int classCount = 10)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, 256);
        if ((long)labels.Length * rows * columns != pixels.Length)
        {
            throw new ArgumentException(
                Invariant($"{labels.Length} labels of {rows} x {columns} images need ")
                + Invariant($"{(long)labels.Length * rows * columns} pixels, ")
                + Invariant($"found {pixels.Length}"),
                nameof(pixels));
        }

        var bad = labels.AsSpan().IndexOfAnyInRange((byte)classCount, byte.MaxValue);
        if (bad >= 0)
        {
            throw new ArgumentException(
                Invariant($"label {labels[bad]} of image {bad} is not below {classCount} classes"),
                nameof(labels));
        }

        Pixels = pixels;
        Labels = labels;
        Rows = rows;
        Columns = columns;
        ClassCount = classCount;
    }

    /// <summary>Gets the number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Gets the image height in pixels.</summary>
    public int Rows { get; }

    /// <summary>Gets the image width in pixels.</summary>
    public int Columns { get; }

    /// <summary>Gets the number of pixels in one image, Rows × Columns.</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>Gets the number of classes; every label is below it.</summary>
    public int ClassCount { get; }

    /// <summary>Gets all pixels, row-major (image, row, column), 0 black to 255 white.</summary>
    public byte[] Pixels { get; }

    /// <summary>Gets the label of each image.</summary>
    public byte[] Labels { get; }

    /// <summary>Gets the pixels of one image, row-major.</summary>
    /// <param name="index">The image index.</param>
    /// <returns>Rows × Columns bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0..Count-1.</exception>
    public ReadOnlySpan<byte> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);

        return Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }

    /// <summary>Writes one image scaled to [0, 1] into a destination, row-major.</summary>
    /// <remarks>Each value is pixel / 255, so 0 maps to 0 and 255 to 1 exactly.</remarks>
    /// <param name="index">The image index.</param>
    /// <param name="destination">Receives Rows × Columns values.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0..Count-1.</exception>
    /// <exception cref="ArgumentException">The destination's length is not Rows × Columns.
    /// </exception>
    public void ScaleImage(int index, Span<float> destination)
    {
        var image = Image(index);
        CheckDestination(destination.Length, nameof(destination));

        for (var i = 0; i < image.Length; i++)
        {
            destination[i] = image[i] / 255f;
        }
    }

    /// <summary>Writes one image scaled to [0, 1] into a destination, row-major.</summary>
    /// <remarks>Each value is pixel / 255, so 0 maps to 0 and 255 to 1 exactly.</remarks>
    /// <param name="index">The image index.</param>
    /// <param name="destination">Receives Rows × Columns values.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0..Count-1.</exception>
    /// <exception cref="ArgumentException">The destination's length is not Rows × Columns.
    /// </exception>
    public void ScaleImage(int index, Span<double> destination)
    {
        var image = Image(index);
        CheckDestination(destination.Length, nameof(destination));

        for (var i = 0; i < image.Length; i++)
        {
            destination[i] = image[i] / 255.0;
        }
    }

    /// <summary>Copies the chosen images, in the order given, into a new set.</summary>
    /// <param name="indices">Image indices; repeats are allowed.</param>
    /// <returns>A set with one image per index.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0..Count-1.</exception>
    public LabeledImages Subset(ReadOnlySpan<int> indices)
    {
        var size = PixelsPerImage;
        var pixels = new byte[(long)indices.Length * size];
        var labels = new byte[indices.Length];
        for (var n = 0; n < indices.Length; n++)
        {
            Image(indices[n]).CopyTo(pixels.AsSpan(n * size, size));
            labels[n] = Labels[indices[n]];
        }

        return new LabeledImages(pixels, labels, Rows, Columns, ClassCount);
    }

    /// <summary>Counts the images of each class.</summary>
    /// <returns>ClassCount counts; entry c is the number of images labelled c.</returns>
    public int[] CountPerClass()
    {
        var counts = new int[ClassCount];
        foreach (var label in Labels)
        {
            counts[label]++;
        }

        return counts;
    }

    private void CheckDestination(int length, string paramName)
    {
        if (length != PixelsPerImage)
        {
            throw new ArgumentException(
                Invariant($"destination holds {length} values; an image has ")
                + Invariant($"{Rows} x {Columns} = {PixelsPerImage}"),
                paramName);
        }
    }
}
