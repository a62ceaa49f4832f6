using System.CommandLine;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using Backprop.Cli.Images;
using Backprop.Cli.Plots;
using Backprop.Data;
using static System.FormattableString;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop data inspect FILE [FILE]</c>: what IDX files hold, checked in full.
/// </summary>
/// <remarks>
/// Every file is read through and checked (magic number, dimensions, data length, labels
/// 0..9, and equal counts when an image file and a label file are given together) before
/// anything is printed or written, so a malformed file gives one error line, nothing on
/// stdout and no image file.
/// </remarks>
internal static class DataCommand
{
    private const int DefaultScale = 8;
    private const int LabelsShown = 20;

    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "One or two IDX files, raw or gzip: images, labels, or both.",
            Arity = new ArgumentArity(1, 2),
        };
        var png = new Option<string[]>("--png")
        {
            Description = "Also draw image INDEX (0-based) of the image file as a PNG FILE.",
            HelpName = "INDEX FILE",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var scale = CommandOptions.PositiveInt(
            "--scale", DefaultScale, "The side of the square each pixel becomes in the PNG.");
        var inspect = new Command(
            "inspect",
            "Describe IDX files: kind, count, dimensions, gzip or raw, labels per class.")
        {
            files, png, scale,
        };
        inspect.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandRunner.Guard(parse.InvocationConfiguration.Error, () =>
            {
                var pngValues = parse.GetValue(png);
                if (pngValues is null or [] && parse.GetResult(scale) is { Implicit: false })
                {
                    throw new UsageException("--scale applies to --png only; add --png INDEX FILE");
                }

                return Inspect(parse.GetValue(files)!, pngValues, parse.GetValue(scale), output);
            });
        });
        return new Command("data", "Look at data files.") { inspect };
    }

    private static int Inspect(string[] files, string[]? png, int scale, TextWriter output)
    {
        var request = png is null or [] ? null : PngRequest.Parse(png, scale);
        if (request is not null
            && Array.Exists(files, f => Path.GetFullPath(f) == request.FullPath))
        {
            throw new UsageException(
                $"--png {request.Path}: that is an input file; choose another");
        }

        var text = new StringBuilder();
        (string Path, IdxImages Images)? images = null;
        (string Path, byte[] Labels)? labels = null;
        foreach (var path in files)
        {
            var header = IdxReader.ReadHeader(path);
            var kind = header.ElementType == IdxElementType.UnsignedByte
                ? header.Dimensions.Count
                : 0;
            if (kind == 3)
            {
                images = (path, IdxReader.ReadImages(path));
                DescribeImages(text, path, header, images.Value.Images);
            }
            else if (kind == 1)
            {
                labels = (path, IdxReader.ReadLabels(path));
                DescribeLabels(text, path, header, labels.Value.Labels);
            }
            else
            {
                DescribeOther(text, path, IdxReader.Inspect(path));
            }
        }

        if (images is { } i && labels is { } l && i.Images.Count != l.Labels.Length)
        {
            throw new InvalidDataException(Invariant($"{l.Path}: {l.Labels.Length} labels, ")
                + Invariant($"but {i.Path} holds {i.Images.Count} images"));
        }

        if (request is not null)
        {
            var image = images ?? throw new UsageException(
                "--png needs an image file (an IDX file of [count, rows, columns])");
            request.Write(text, image.Path, image.Images, labels?.Labels);
        }

        output.Write(text.ToString());
        return 0;
    }

    private static void DescribeImages(
        StringBuilder text,
        string path,
        IdxHeader header,
        IdxImages images)
    {
        Describe(text, path, "images", header);
        text.Append(Invariant($"  count       {images.Count:N0} images of {images.Rows} x "))
            .Append(Invariant($"{images.Columns} pixels (rows x columns)\n"));
        if (images.Pixels.Length > 0)
        {
            var pixels = images.Pixels.AsSpan();
            long sum = 0;
            foreach (var p in pixels)
            {
                sum += p;
            }

            var mean = (double)sum / pixels.Length;
            var (min, max) = (TensorPrimitives.Min(pixels), TensorPrimitives.Max(pixels));
            text.Append(Invariant($"  pixels      min {min}, max {max}, mean {mean:F2}\n"));
        }
    }

    private static void DescribeLabels(
        StringBuilder text,
        string path,
        IdxHeader header,
        byte[] labels)
    {
        Describe(text, path, "labels", header);
        text.Append(Invariant($"  count       {labels.Length:N0} labels\n"));
        var shown = labels.AsSpan(0, Math.Min(labels.Length, LabelsShown)).ToArray();
        var more = labels.Length > LabelsShown ? " …" : "";
        text.Append($"  first       {string.Join(' ', shown)}{more}\n");
        var counts = new int[10];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        text.Append("  per class ");
        for (var c = 0; c < counts.Length; c++)
        {
            text.Append(Invariant($"  {c}: {counts[c]:N0}"));
        }

        text.Append('\n');
    }

    private static void DescribeOther(StringBuilder text, string path, IdxHeader header)
    {
        Describe(text, path, "IDX data", header);
        var dims = string.Join(" x ", header.Dimensions);
        text.Append(Invariant($"  dimensions  {dims} ({header.Dimensions.Count} dimensions)\n"));
    }

    private static void Describe(StringBuilder text, string path, string kind, IdxHeader header)
    {
        var length = new FileInfo(path).Length;
        var storage = header.IsGzip
            ? Invariant($"gzip, {length:N0} bytes ({header.HeaderBytes + header.DataBytes:N0} ")
                + "uncompressed)"
            : Invariant($"raw, {length:N0} bytes");
        var type = TypeName(header.ElementType);
        text.Append(path).Append('\n')
            .Append(Invariant($"  kind        {kind} (IDX, {type}, "))
            .Append(Invariant($"{header.Dimensions.Count} dimension"))
            .Append(header.Dimensions.Count == 1 ? ")\n" : "s)\n")
            .Append(Invariant($"  storage     {storage}\n"));
    }

    private static string TypeName(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte => "unsigned bytes",
        IdxElementType.SignedByte => "signed bytes",
        IdxElementType.Int16BigEndian => "16-bit integers",
        IdxElementType.Int32BigEndian => "32-bit integers",
        IdxElementType.SingleBigEndian => "32-bit floats",
        IdxElementType.DoubleBigEndian => "64-bit floats",
        _ => ((int)type).ToString("X2", CultureInfo.InvariantCulture),
    };

    /// <summary>The <c>--png INDEX FILE</c> request: which image, where, how large.</summary>
    private sealed record PngRequest(int Index, string Path, string FullPath, int Scale)
    {
        public static PngRequest Parse(string[] values, int scale)
        {
            var isIndex = int.TryParse(
                values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index);
            if (!isIndex)
            {
                throw new UsageException(
                    $"--png INDEX FILE: '{values[0]}' is not an image index (0, 1, 2, …)");
            }

            var path = values[1];
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (Directory.Exists(path) || folder is null || !Directory.Exists(folder))
            {
                var problem = Directory.Exists(path)
                    ? "is a folder; give a file name such as image.png"
                    : $"its folder {folder} does not exist; create it first";
                throw new UsageException($"--png {path}: {problem}");
            }

            var fullPath = AtomicFile.CheckDestination(path, "--png");
            return new PngRequest(index, path, fullPath, scale);
        }

        public void Write(StringBuilder text, string imagesPath, IdxImages images, byte[]? labels)
        {
            if (Index >= images.Count)
            {
                throw new UsageException(Invariant($"--png: no image {Index} in {imagesPath}; ")
                    + Invariant($"it holds {images.Count} (0..{images.Count - 1})"));
            }

            var (width, height) = ((long)images.Columns * Scale, (long)images.Rows * Scale);
            if (width * height > GrayImage.MaxPixels)
            {
                throw new UsageException(Invariant($"--scale {Scale}: the PNG would be {width} x ")
                    + Invariant($"{height} pixels, more than {GrayImage.MaxPixels}"));
            }

            var size = images.Rows * images.Columns;
            var bytes = GrayPng.Encode(
                images.Pixels.AsSpan(Index * size, size), images.Rows, images.Columns, Scale);
            AtomicFile.WriteAllBytes(FullPath, bytes);
            var label = labels is null ? "" : Invariant($", label {labels[Index]}");
            text.Append(Invariant($"wrote {Path}: image {Index}{label}, "))
                .Append(Invariant($"{width} x {height} pixels "))
                .Append(Invariant($"(width x height, scale {Scale})\n"));
        }
    }
}
