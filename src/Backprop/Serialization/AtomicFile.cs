using System.Security.Cryptography;

namespace Backprop.Serialization;

/// <summary>Replaces a file in one step: write a temporary sibling, flush, rename.</summary>
internal static class AtomicFile
{
    /// <summary>Writes a file through a temporary sibling and renames it into place.</summary>
    /// <remarks>
    /// The rename is atomic on one file system, so readers see the old file or the new one.
    /// Limitation: the folder itself is not flushed after the rename, so after a power cut
    /// the file may show its old content; it is never partly written.
    /// </remarks>
    /// <param name="path">The target file.</param>
    /// <param name="writeContent">Writes the whole content to the stream it is given.</param>
    public static void Write(string path, Action<Stream> writeContent)
    {
        var target = Path.GetFullPath(path);
        var name = Path.GetFileName(target);
        if (name.Length == 0)
        {
            throw new ArgumentException($"{path}: names a folder, not a file", nameof(path));
        }

        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{name}.tmp-{suffix}");
        var renamed = false;
        try
        {
            using (var stream = new FileStream(
                temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
            renamed = true;
        }
        finally
        {
            if (!renamed)
            {
                DeleteQuietly(temporary);
            }
        }
    }

    private static void DeleteQuietly(string temporary)
    {
        // Runs while another exception is in flight; that one is the error to report.
        try
        {
            File.Delete(temporary);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
