using System.Buffers.Binary;

namespace Backprop.Tests.Plots;

/// <summary>A temporary folder for plot files, and checks on the PNGs written there.</summary>
public sealed class PlotFiles : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public PlotFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "backprop-plots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Asserts the file is a PNG of the given pixel size and a sane length.</summary>
    public static byte[] AssertPng(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.InRange(bytes.Length, 5_000, 5_000_000);
        Assert.Equal(PngSignature, bytes[..8]);

        // The first chunk is IHDR: length, type, then width and height, big-endian.
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        return bytes;
    }

    /// <summary>Counts the pixels of exactly one colour in a PNG.</summary>
    public static int CountPixels(byte[] png, byte r, byte g, byte b)
    {
        using var image = new ScottPlot.Image(png);
        var rgb = image.GetArrayRGB();
        var count = 0;
        for (var y = 0; y < rgb.GetLength(0); y++)
        {
            for (var x = 0; x < rgb.GetLength(1); x++)
            {
                if (rgb[y, x, 0] == r && rgb[y, x, 1] == g && rgb[y, x, 2] == b)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Lists the files in the folder, to check no temporary file was left.</summary>
    public string[] FileNames() =>
        [.. Directory.GetFiles(Folder).Select(Path.GetFileName).OfType<string>().Order()];

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
