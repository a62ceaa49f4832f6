using System.Globalization;
using Backprop.Cli.Images;
using Backprop.Data;

namespace Backprop.Cli.Inputs;

/// <summary>Reads the inputs of <c>backprop predict</c>: IDX items, CSV rows and images.</summary>
/// <remarks>
/// <para>
/// The kind is told by the file's first bytes, not its name: PNG and the other formats
/// SkiaSharp decodes (by their signatures), PGM (<c>P2</c>, <c>P5</c>), CSV (text: no
/// control characters but line breaks and tabs), and otherwise IDX, raw or gzip. CSV rows
/// are <c>label,p1,…,pN</c> as <see cref="CsvReader"/> reads them (a header line is
/// skipped); rows of pixels alone are not accepted. Indices count items from 0: for CSV,
/// the first data row after any header.
/// </para>
/// <para>
/// An image file of another size is resized to the model's (area averaging to shrink,
/// bilinear to enlarge), stretching it if the aspect ratio differs. An IDX image file's
/// labels are shown when a label file sits beside it (images-idx3 → labels-idx1 in the name).
/// </para>
/// </remarks>
internal sealed class InputReader
{
    private static readonly byte[][] ImageSignatures =
    [
        [0x89, (byte)'P', (byte)'N', (byte)'G'],
        [0xFF, 0xD8, 0xFF],
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8'],
        [(byte)'B', (byte)'M'],
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F'],
    ];

    private readonly int inputSize;
    private readonly (int Rows, int Columns)? imageSize;
    private readonly bool invert;
    private readonly (int Rows, int Columns)? imageShape;

    /// <summary>Initializes a reader for a model's input.</summary>
    /// <param name="inputSize">The number of inputs the model takes.</param>
    /// <param name="imageSize">The image size the model takes, or null when its input is not
    /// an image of known shape; image files then cannot be read.</param>
    /// <param name="invert">Whether to invert every pixel, p → 255 − p.</param>
    /// <param name="exactShape">Whether the model's input is an image of exactly
    /// <paramref name="imageSize"/>, so IDX images of another shape are refused; a flat input
    /// takes any images of the right pixel count.</param>
    public InputReader(
        int inputSize,
        (int Rows, int Columns)? imageSize,
        bool invert,
        bool exactShape = false)
    {
        imageShape = exactShape ? imageSize : null;
        this.inputSize = inputSize;
        this.imageSize = imageSize;
        this.invert = invert;
    }

    /// <summary>Gets notes for the user (resizing, a light background), in reading order.
    /// </summary>
    public List<string> Notes { get; } = [];

    /// <summary>Tells whether a file holds several items (IDX or CSV) rather than one image.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>True for IDX and CSV files.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The path is a folder.</exception>
    public static bool HoldsItems(string path)
    {
        var start = Start(path);
        return !IsImage(start) && !PgmReader.IsPgm(start);
    }

    /// <summary>Reads one input file.</summary>
    /// <param name="path">The file, as the user gave it.</param>
    /// <param name="indices">Which items of an IDX or CSV file, or null for the only one.
    /// </param>
    /// <returns>The inputs, at the model's size, inverted if asked.</returns>
    /// <exception cref="UsageException">Indices are missing for a file of several items, or
    /// one is out of range.</exception>
    /// <exception cref="InvalidDataException">The file is malformed or its images do not fit
    /// the model; the message starts with the path.</exception>
    public List<PredictionInput> Read(string path, int[]? indices)
    {
        var start = Start(path);
        if (start.Length == 0)
        {
            throw new InvalidDataException($"{path}: the file is empty");
        }

        if (IsImage(start) || PgmReader.IsPgm(start))
        {
            var image = PgmReader.IsPgm(start) ? PgmReader.Read(path) : SkiaImageReader.Read(path);
            return [new PredictionInput(path, null, Fit(path, image), null)];
        }

        if (IsNetpbm(start))
        {
            throw new NotSupportedException(
                $"{path}: a Netpbm P{(char)start[1]} file; only grey-scale PGM (P2, P5) is read "
                + "here: convert it to PGM or PNG");
        }

        // Binary files that are not images are read as IDX, whose checks say what is wrong.
        var (pixels, count, labels) = IsText(start) ? ReadCsv(path) : ReadIdx(path);
        var size = inputSize;
        var result = new List<PredictionInput>();
        foreach (var n in Choose(path, count, indices))
        {
            var item = pixels.AsSpan(n * size, size).ToArray();
            Invert(item);
            result.Add(new PredictionInput(path, n, item, labels is null ? null : labels[n]));
        }

        return result;
    }

    private static byte[] Start(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"{path}: is a folder, not an input file");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: {FileProblem.Missing(path)}", path);
        }

        using var stream = File.OpenRead(path);
        var start = new byte[12];
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return start[..read];
    }

    private static bool IsImage(byte[] start)
    {
        foreach (var signature in ImageSignatures)
        {
            if (start.AsSpan().StartsWith(signature))
            {
                return signature[0] != (byte)'R' || start.AsSpan(8).StartsWith("WEBP"u8);
            }
        }

        return false;
    }

    private static bool IsNetpbm(byte[] start) =>
        start.Length >= 3 && start[0] == 'P' && start[1] is >= (byte)'1' and <= (byte)'7'
        && start[2] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    private static bool IsText(byte[] start)
    {
        foreach (var b in start)
        {
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }

    private (byte[] Pixels, int Count, byte[]? Labels) ReadIdx(string path)
    {
        var images = IdxReader.ReadImages(path);
        if (imageShape is { } shape
            && (shape.Rows, shape.Columns) != (images.Rows, images.Columns))
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: images of {images.Rows} x {images.Columns} pixels; the model takes "
                + $"images of {shape.Rows} x {shape.Columns}"));
        }

        if (images.Rows * images.Columns != inputSize)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: images of {images.Rows} x {images.Columns} = "
                + $"{images.Rows * images.Columns} pixels; the model takes {inputSize} inputs"));
        }

        // Labels are shown only from a label file of the same length beside the images.
        var labelsPath = LabelsBeside(path);
        var labels = labelsPath is null ? null : IdxReader.ReadLabels(labelsPath);
        return (images.Pixels, images.Count, labels?.Length == images.Count ? labels : null);
    }

    private (byte[] Pixels, int Count, byte[]? Labels) ReadCsv(string path)
    {
        // Only the number of pixels per row matters to the reader.
        var items = CsvReader.Read(path, 1, inputSize);
        return (items.Pixels, items.Count, items.Labels);
    }

    private static string? LabelsBeside(string path)
    {
        var name = Path.GetFileName(path);
        var labels = name.Replace("images-idx3", "labels-idx1", StringComparison.Ordinal);
        var candidate = Path.Combine(Path.GetDirectoryName(path) ?? "", labels);
        return labels != name && File.Exists(candidate) ? candidate : null;
    }

    private static int[] Choose(string path, int count, int[]? indices)
    {
        if (indices is null)
        {
            return count == 1
                ? [0]
                : throw new UsageException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path} holds {count} images; choose with --index, e.g. --index 0,5,7 "
                    + $"(0-based)"));
        }

        foreach (var n in indices)
        {
            if (n >= count)
            {
                throw new UsageException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--index {n}: {path} holds {count} images (0..{count - 1})"));
            }
        }

        return indices;
    }

    private byte[] Fit(string path, GrayImage image)
    {
        var (rows, columns) = imageSize ?? throw new NotSupportedException(string.Create(
            CultureInfo.InvariantCulture,
            $"{path}: the model takes {inputSize} inputs, not a square image, so an image "
            + $"file cannot be fitted to it; give IDX or CSV input"));
        var pixels = ImageResampler.Resize(image, rows, columns);
        if (image.Width != columns || image.Height != rows)
        {
            var stretched = (long)image.Width * rows != (long)image.Height * columns
                ? ", stretching it (the aspect ratios differ)"
                : "";
            Notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: resized from {image.Width} x {image.Height} to {columns} x {rows} "
                + $"(width x height){stretched}"));
        }

        var mean = 0.0;
        foreach (var p in pixels)
        {
            mean += p;
        }

        mean /= pixels.Length;
        if (!invert && mean > 127.5)
        {
            Notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: mostly light (mean pixel {mean:F0}); MNIST-style models expect a light "
                + $"figure on a dark background: try --invert"));
        }

        Invert(pixels);
        return pixels;
    }

    private void Invert(byte[] pixels)
    {
        if (!invert)
        {
            return;
        }

        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(255 - pixels[i]);
        }
    }
}
