namespace Backprop.Data;

/// <summary>The contents of an IDX image file: unlabelled images, one byte per pixel.</summary>
/// <param name="Count">The number of images.</param>
/// <param name="Rows">The image height in pixels.</param>
/// <param name="Columns">The image width in pixels.</param>
/// <param name="Pixels">Count × Rows × Columns bytes, row-major (image, row, column).</param>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels);
