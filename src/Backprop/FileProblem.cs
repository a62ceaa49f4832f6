namespace Backprop;

/// <summary>Says in a few words why a path cannot be opened, for one-line error messages.
/// </summary>
/// <remarks>
/// <see cref="File.Exists(string)"/> answers false for a missing file, a file in a folder the
/// user may not enter, a broken symbolic link and a loop of links alike; these tell them apart.
/// </remarks>
public static class FileProblem
{
    /// <summary>The reason a file cannot be read, such as "no such file".</summary>
    /// <param name="path">The path that <see cref="File.Exists(string)"/> rejected.</param>
    /// <returns>"no such file", "permission denied", "no such file (a broken symbolic link
    /// to T)", "too many levels of symbolic links (a loop)" or the folder problem.</returns>
    public static string Missing(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var handle = File.OpenHandle(path);
            return "cannot be read";
        }
        catch (UnauthorizedAccessException)
        {
            return "permission denied";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            var link = new FileInfo(path).LinkTarget;
            return link is not null
                ? $"no such file (a broken symbolic link to {Shorten(link)})"
                : Folder(path) ?? "no such file";
        }
        catch (IOException e) when (IsLoop(e))
        {
            return "too many levels of symbolic links (a loop)";
        }
        catch (IOException)
        {
            return "cannot be read";
        }
    }

    /// <summary>What is wrong with the folders above a path, or null when they exist.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>"its folder F does not exist" or "F is a file, not a folder", or null.</returns>
    public static string? Folder(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        string? missing = null;
        while (!string.IsNullOrEmpty(folder))
        {
            if (File.Exists(folder))
            {
                return $"{Shorten(folder)} is a file, not a folder";
            }

            if (Directory.Exists(folder))
            {
                return missing is null ? null : $"its folder {Shorten(missing)} does not exist";
            }

            missing = folder;
            folder = Path.GetDirectoryName(folder);
        }

        return null;
    }

    /// <summary>Whether an I/O error is a loop of symbolic links (ELOOP).</summary>
    /// <param name="e">The error.</param>
    /// <returns>True for "Too many levels of symbolic links".</returns>
    public static bool IsLoop(IOException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Message.Contains("symbolic links", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Cuts a user-given text to about 60 characters for an error line.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, or its first 57 characters and "...".</returns>
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
