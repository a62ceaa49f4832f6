namespace Backprop.Tests.Serialization;

/// <summary>A fresh folder under the system temporary folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        FullPath = Directory.CreateTempSubdirectory("backprop-tests-").FullName;
    }

    public string FullPath { get; }

    public string PathOf(string fileName) => Path.Combine(FullPath, fileName);

    public string[] FileNames() =>
        [.. Directory.GetFiles(FullPath).Select(Path.GetFileName).Order().OfType<string>()];

    public void Dispose() => Directory.Delete(FullPath, recursive: true);
}
