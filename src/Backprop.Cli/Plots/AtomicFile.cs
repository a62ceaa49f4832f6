namespace Backprop.Cli.Plots;

/// <summary>Writes a file so that readers see either the old file or the whole new one.</summary>
/// <remarks>
/// The bytes go to a temporary file in the destination folder, which is then renamed over the
/// destination. A rename within one folder stays on one file system, so it replaces the file
/// in one step; a crash mid-write leaves the old file untouched.
/// </remarks>
internal static class AtomicFile
{
    /// <summary>Checks a destination path and returns it in full.</summary>
    /// <param name="path">The destination path, relative or absolute.</param>
    /// <param name="parameterName">The caller's parameter name, used in error messages.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="path"/> is empty, names a folder, or its folder does not exist.
    /// </exception>
    public static string CheckDestination(string path, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(path, parameterName);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("The output path is empty.", parameterName);
        }

        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new ArgumentException(
                $"The output path '{path}' is a folder; give a file name such as plot.png.",
                parameterName);
        }

        var folder = Path.GetDirectoryName(fullPath);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new ArgumentException(
                $"The folder of the output path '{path}' does not exist; create it first.",
                parameterName);
        }

        return fullPath;
    }

    /// <summary>Writes all bytes to a file atomically, replacing any existing file.</summary>
    /// <param name="path">The destination, checked by <see cref="CheckDestination"/>.</param>
    /// <param name="bytes">The complete file contents.</param>
    public static void WriteAllBytes(string path, byte[] bytes) =>
        Write(path, stream => stream.Write(bytes));

    /// <summary>Writes a file through a temporary sibling <c>.NAME.tmp-RANDOM</c>, flushed
    /// and renamed into place.</summary>
    /// <remarks>Errors name the destination, never the hidden temporary file.</remarks>
    /// <param name="path">The destination.</param>
    /// <param name="writeContent">Writes the whole content to the stream it is given.</param>
    public static void Write(string path, Action<Stream> writeContent)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(
            folder, $".{Path.GetFileName(path)}.tmp-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (UnauthorizedAccessException e)
        {
            // The runtime names the hidden temporary file; the user knows the target.
            throw new UnauthorizedAccessException(
                $"{FileProblem.Shorten(path)}: permission denied", e);
        }
        catch (IOException e)
        {
            var reason = e switch
            {
                PathTooLongException => "the name is too long",
                FileNotFoundException or DirectoryNotFoundException =>
                    "its folder does not accept new files",
                _ => e.Message.Replace(temp, path, StringComparison.Ordinal),
            };
            throw new IOException($"{FileProblem.Shorten(path)}: cannot be written: {reason}", e);
        }
        finally
        {
            // After a successful move the temporary name no longer exists; this only cleans up
            // after a failed write or rename.
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
