using System.Buffers.Binary;
using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

/// <summary>Seeded random images and IDX data folders for CLI tests.</summary>
internal static class TestImages
{
    public static byte[] RandomPixels(int count, int rows, int columns, int seed)
    {
        var pixels = new byte[count * rows * columns];
        new Random(seed).NextBytes(pixels);
        return pixels;
    }

    public static byte[] RandomLabels(int count, int seed)
    {
        var rng = new Random(seed);
        var labels = new byte[count];
        for (var n = 0; n < count; n++)
        {
            labels[n] = (byte)rng.Next(10);
        }

        return labels;
    }

    public static byte[] ImageFile(byte[] pixels, int count, int rows, int columns) =>
        [.. IdxBytes.Header(IdxBytes.UnsignedByte, count, rows, columns), .. pixels];

    /// <summary>Writes the four MNIST IDX files of random images into a folder.</summary>
    public static string WriteIdxFolder(TempFolder temp, string name, int rows, int columns)
    {
        var folder = Path.Combine(temp.Root, name);
        Directory.CreateDirectory(folder);
        (string Prefix, int Count, int Seed)[] parts = [("train", 40, 1), ("t10k", 23, 2)];
        foreach (var (prefix, count, seed) in parts)
        {
            var pixels = RandomPixels(count, rows, columns, seed);
            File.WriteAllBytes(
                Path.Combine(folder, $"{prefix}-images-idx3-ubyte"),
                ImageFile(pixels, count, rows, columns));
            File.WriteAllBytes(
                Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"),
                IdxBytes.Labels(RandomLabels(count, seed + 10)));
        }

        return folder;
    }

    /// <summary>Writes a binary PGM (P5) of one-byte pixels.</summary>
    public static byte[] Pgm(byte[] pixels, int width, int height) =>
        [.. System.Text.Encoding.ASCII.GetBytes($"P5\n# test\n{width} {height}\n255\n"), .. pixels];

    /// <summary>Reads width and height from a PNG's IHDR chunk.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        return (
            BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)),
            BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
