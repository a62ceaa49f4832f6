namespace Backprop.Cli.Images;

/// <summary>A grey-scale image, one byte per pixel, 0 black to 255 white, row-major.</summary>
/// <param name="Width">The number of columns.</param>
/// <param name="Height">The number of rows.</param>
/// <param name="Pixels">Height × Width bytes; pixel (r, s) is at r · Width + s.</param>
internal sealed record GrayImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>The largest image read, in pixels (8192 × 8192).</summary>
    public const long MaxPixels = 8192L * 8192;
}
