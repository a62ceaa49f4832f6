namespace Backprop.Data;

/// <summary>Finds the root of the Backprop source tree, the folder holding Backprop.slnx.</summary>
internal static class RepositoryRoot
{
    /// <summary>The file that marks the root.</summary>
    public const string Marker = "Backprop.slnx";

    /// <summary>Walks up from the current folder, then from the application's folder.</summary>
    /// <returns>The root folder, or null when neither is inside the source tree.</returns>
    public static string? Find() =>
        FindAbove(Directory.GetCurrentDirectory()) ?? FindAbove(AppContext.BaseDirectory);

    /// <summary>Walks up from one folder.</summary>
    /// <param name="start">The folder to start from.</param>
    /// <returns>The first folder at or above start holding the marker, or null.</returns>
    public static string? FindAbove(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, Marker)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
