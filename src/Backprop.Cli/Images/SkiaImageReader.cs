using SkiaSharp;
using static System.FormattableString;

namespace Backprop.Cli.Images;

/// <summary>Decodes PNG (and the other formats SkiaSharp reads) into grey-scale images.</summary>
/// <remarks>
/// Colour pixels become grey by the Rec. 601 luma, 0.299 R + 0.587 G + 0.114 B, and are
/// composited over white by their alpha, so a transparent background reads as paper, as an
/// image viewer shows it. The size is read from the header and checked before decoding.
/// </remarks>
internal static class SkiaImageReader
{
    /// <summary>Reads an image file.</summary>
    /// <param name="path">The file, as the user gave it.</param>
    /// <returns>The grey-scale image.</returns>
    /// <exception cref="InvalidDataException">The file cannot be decoded, is truncated, or is
    /// larger than <see cref="GrayImage.MaxPixels"/>; the message starts with the path.
    /// </exception>
    public static GrayImage Read(string path)
    {
        using var codec = SKCodec.Create(path, out var opened)
            ?? throw new InvalidDataException(
                $"{path}: not an image SkiaSharp can decode ({Describe(opened)})");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > GrayImage.MaxPixels)
        {
            throw new InvalidDataException(
                Invariant($"{path}: {width} x {height} pixels is empty or larger than the ")
                + Invariant($"{GrayImage.MaxPixels:N0} pixels this tool reads"));
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var decoded = codec.GetPixels(info, bitmap.GetPixels());
        if (decoded != SKCodecResult.Success)
        {
            throw new InvalidDataException(
                $"{path}: cannot decode the image ({Describe(decoded)})");
        }

        var gray = ToGray(bitmap.GetPixelSpan(), width, height, info.RowBytes);
        return new GrayImage(width, height, gray);
    }

    private static byte[] ToGray(ReadOnlySpan<byte> rgba, int width, int height, int rowBytes)
    {
        var gray = new byte[width * height];
        for (var r = 0; r < height; r++)
        {
            var row = rgba.Slice(r * rowBytes, width * 4);
            for (var s = 0; s < width; s++)
            {
                var luma = (0.299 * row[4 * s]) + (0.587 * row[(4 * s) + 1])
                    + (0.114 * row[(4 * s) + 2]);
                var alpha = row[(4 * s) + 3] / 255.0;
                var over = (alpha * luma) + ((1 - alpha) * 255);
                gray[(r * width) + s] = (byte)Math.Clamp(Math.Round(over), 0, 255);
            }
        }

        return gray;
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "truncated: the data end early",
        SKCodecResult.ErrorInInput => "corrupt data",
        SKCodecResult.Unimplemented => "an unsupported format",
        _ => Invariant($"{result}"),
    };
}
