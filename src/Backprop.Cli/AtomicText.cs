namespace Backprop.Cli;

/// <summary>Writes a text file through a temporary file and a rename.</summary>
internal static class AtomicText
{
    public static void Write(string path, string text)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = $".{Path.GetFileName(path)}.tmp-{Environment.ProcessId}";
        var temporary = Path.Combine(folder, name);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
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
                _ => e.Message.Replace(temporary, path, StringComparison.Ordinal),
            };
            throw new IOException($"{FileProblem.Shorten(path)}: cannot be written: {reason}", e);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
