using static System.FormattableString;

namespace Backprop.Data;

/// <summary>Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzip.</summary>
/// <remarks>
/// <para>
/// A file is gzip when its first two bytes are 1F 8B, whatever its name. Header integers are
/// 32-bit big-endian. Every check runs before data is allocated: the magic number, the
/// element type, the dimension count, and the data length the header promises against the
/// file (its length when raw; when gzip, a bound from the compressed length, then a read that
/// stops one byte past the promise, so a gzip bomb or a lying header ends early).
/// </para>
/// <para>
/// Every malformed file raises <see cref="InvalidDataException"/> whose message starts with
/// the path as given, then the problem: "data/x: truncated: 45 pixel bytes expected, 37 found".
/// </para>
/// </remarks>
public static class IdxReader
{
    /// <summary>Reads and checks the header of any IDX file, without reading its data.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The element type, dimensions and compression.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header is malformed.</exception>
    public static IdxHeader ReadHeader(string path)
    {
        using var file = IdxFile.Open(path);
        return file.Header;
    }

    /// <summary>Reads the header of any IDX file and checks the data length against it.</summary>
    /// <remarks>The data are read through (decompressed if gzip) but not kept.</remarks>
    /// <param name="path">The file path.</param>
    /// <returns>The element type, dimensions and compression.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The header is malformed, or the data are shorter or longer than it promises.
    /// </exception>
    public static IdxHeader Inspect(string path)
    {
        using var file = IdxFile.Open(path);
        file.SkipData("data");
        return file.Header;
    }

    /// <summary>Reads an image file: unsigned bytes, dimensions [count, rows, columns].</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The images, row-major (image, row, column).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is malformed, not unsigned bytes, not three-dimensional, or holds empty images.
    /// </exception>
    public static IdxImages ReadImages(string path)
    {
        using var file = IdxFile.Open(path);
        CheckLayout(file, 3, "an image file has 3 (count, rows, columns)");
        var dims = file.Header.Dimensions;
        if (dims[1] == 0 || dims[2] == 0)
        {
            throw file.Error(Invariant($"images of {dims[1]} x {dims[2]} pixels are empty"));
        }

        var pixels = file.ReadData("pixel");
        return new IdxImages(dims[0], dims[1], dims[2], pixels);
    }

    /// <summary>Reads a label file: unsigned bytes, one dimension, every label 0..9.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>One label per item.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is malformed, not unsigned bytes, not one-dimensional, or a label exceeds 9.
    /// </exception>
    public static byte[] ReadLabels(string path)
    {
        using var file = IdxFile.Open(path);
        CheckLayout(file, 1, "a label file has 1 (count)");
        var labels = file.ReadData("label");
        var bad = labels.AsSpan().IndexOfAnyInRange((byte)10, byte.MaxValue);
        if (bad >= 0)
        {
            throw file.Error(Invariant($"label {labels[bad]} at index {bad} is outside 0..9"));
        }

        return labels;
    }

    /// <summary>Reads an image file and its label file into one labelled set.</summary>
    /// <param name="imagesPath">The image file path.</param>
    /// <param name="labelsPath">The label file path.</param>
    /// <returns>The images with their labels, 10 classes.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// A file is malformed, or the two files hold different numbers of items.
    /// </exception>
    public static LabeledImages Read(string imagesPath, string labelsPath)
    {
        var labels = ReadLabels(labelsPath);
        var images = ReadImages(imagesPath);
        if (images.Count != labels.Length)
        {
            throw new InvalidDataException(Invariant($"{labelsPath}: {labels.Length} labels, ")
                + Invariant($"but {imagesPath} holds {images.Count} images"));
        }

        return new LabeledImages(images.Pixels, labels, images.Rows, images.Columns);
    }

    private static void CheckLayout(IdxFile file, int dimensionCount, string expected)
    {
        var header = file.Header;
        if (header.ElementType != IdxElementType.UnsignedByte)
        {
            var code = (int)header.ElementType;
            throw file.Error(Invariant($"element type {header.ElementType} (0x{code:X2}) is ")
                + "not supported; MNIST files hold unsigned bytes (0x08)");
        }

        if (header.Dimensions.Count != dimensionCount)
        {
            throw file.Error(Invariant(
                $"{header.Dimensions.Count} dimensions; {expected}"));
        }
    }
}
