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
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
