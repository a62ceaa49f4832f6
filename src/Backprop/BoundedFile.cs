namespace Backprop;

/// <summary>Reads whole files up to a limit, whatever length the file system reports.</summary>
/// <remarks>
/// A device or a virtual file (<c>/dev/zero</c>, files under <c>/proc</c>) reports length 0
/// and never ends, so a reader that checks the reported length and then reads to the end
/// fills memory. These reads stop one byte past the limit instead.
/// </remarks>
public static class BoundedFile
{
    /// <summary>Reads a whole file, or returns null when it holds more than a limit.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The most bytes accepted; below <see cref="Array.MaxLength"/>.
    /// </param>
    /// <returns>The bytes, or null when the file holds more than
    /// <paramref name="maxBytes"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The limit is negative or not below
    /// <see cref="Array.MaxLength"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static byte[]? ReadAtMost(string path, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maxBytes, Array.MaxLength);
        using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var reported = stream.CanSeek ? stream.Length : 0;
        if (reported > maxBytes)
        {
            return null;
        }

        // Room for the reported length and one byte more, so the end shows in one read.
        var buffer = new byte[Math.Min(maxBytes + 1, Math.Max(reported + 1, 1 << 16))];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled > maxBytes)
                {
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, 2L * buffer.Length));
            }

            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                return filled == buffer.Length ? buffer : buffer[..filled];
            }

            filled += read;
        }
    }
}
