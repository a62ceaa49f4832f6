namespace Backprop.Training;

/// <summary>Random translation of training images, a data augmentation.</summary>
/// <remarks>
/// Each sample of a batch is moved by (dr, dc), each uniform in [−MaxShift, MaxShift], and
/// the uncovered border is filled with the background value (a scaled 0 pixel). The shifts
/// are drawn from a generator seeded by (seed, epoch, batch), so a resumed run shifts
/// exactly as an uninterrupted one.
/// </remarks>
/// <param name="Rows">Image height.</param>
/// <param name="Columns">Image width.</param>
/// <param name="MaxShift">The largest shift in pixels, on each axis.</param>
/// <param name="Background">The input value of an empty pixel.</param>
public sealed record ImageShift(int Rows, int Columns, int MaxShift, float Background)
{
    /// <summary>Copies an image into the destination, moved by (dr, dc).</summary>
    /// <param name="image">The source, Rows × Columns row-major.</param>
    /// <param name="destination">The shifted image, same size.</param>
    /// <param name="dr">Rows to move down (negative: up).</param>
    /// <param name="dc">Columns to move right (negative: left).</param>
    public void Apply(ReadOnlySpan<float> image, Span<float> destination, int dr, int dc)
    {
        destination.Fill(Background);
        for (var r = Math.Max(0, dr); r < Math.Min(Rows, Rows + dr); r++)
        {
            var from = Math.Max(0, -dc);
            var to = Math.Max(0, dc);
            var length = Columns - Math.Abs(dc);
            image.Slice(((r - dr) * Columns) + from, length)
                .CopyTo(destination.Slice((r * Columns) + to, length));
        }
    }
}
