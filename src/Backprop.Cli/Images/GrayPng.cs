using SkiaSharp;

namespace Backprop.Cli.Images;

/// <summary>Encodes grey-scale pixels as a PNG, each pixel drawn as a square block.</summary>
internal static class GrayPng
{
    /// <summary>Encodes an image enlarged by a whole factor (nearest neighbour, sharp edges).
    /// </summary>
    /// <param name="pixels">rows × columns bytes, row-major, 0 black to 255 white.</param>
    /// <param name="rows">The image height.</param>
    /// <param name="columns">The image width.</param>
    /// <param name="scale">The side of the block each pixel becomes.</param>
    /// <returns>The PNG file's bytes: an 8-bit grey image of (rows · scale) × (columns ·
    /// scale).</returns>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int rows, int columns, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var width = columns * scale;
        var height = rows * scale;
        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var target = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                target[(y * rowBytes) + x] = pixels[((y / scale) * columns) + (x / scale)];
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
