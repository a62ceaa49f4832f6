namespace Backprop.Data;

/// <summary>What the header of an IDX file declares: element type and dimensions.</summary>
/// <remarks>
/// The header is the magic number (two zero bytes, the type code, the dimension count)
/// followed by one 32-bit big-endian size per dimension; the data follow, row-major.
/// </remarks>
/// <param name="ElementType">The declared element type.</param>
/// <param name="Dimensions">The sizes, outermost first: [count] or [count, rows, columns].</param>
/// <param name="IsGzip">Whether the file is gzip (detected from its first two bytes).</param>
public sealed record IdxHeader(
    IdxElementType ElementType,
    IReadOnlyList<int> Dimensions,
    bool IsGzip)
{
    /// <summary>Gets the number of items, the first dimension.</summary>
    public int Count => Dimensions[0];

    /// <summary>Gets the header length in bytes: 4 + 4 × the number of dimensions.</summary>
    public int HeaderBytes => 4 + 4 * Dimensions.Count;

    /// <summary>Gets the size of one element in bytes.</summary>
    public int ElementBytes => ElementType switch
    {
        IdxElementType.Int16BigEndian => 2,
        IdxElementType.Int32BigEndian or IdxElementType.SingleBigEndian => 4,
        IdxElementType.DoubleBigEndian => 8,
        _ => 1,
    };

    /// <summary>Gets the data length promised: the product of dimensions × element size.</summary>
    public long DataBytes
    {
        get
        {
            // Saturates rather than overflows; readers reject anything near this size.
            long bytes = ElementBytes;
            foreach (var size in Dimensions)
            {
                bytes = size == 0 ? 0 : Math.Min(bytes, long.MaxValue / size) * size;
            }

            return bytes;
        }
    }
}
