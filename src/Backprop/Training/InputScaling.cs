using System.Globalization;

namespace Backprop.Training;

/// <summary>How raw pixel bytes become network inputs: x = (p / 255 − Mean) / Deviation.</summary>
/// <param name="Mean">Subtracted after scaling to [0, 1]; 0 for plain scaling.</param>
/// <param name="Deviation">Divided by after subtracting; 1 for plain scaling.</param>
public sealed record InputScaling(double Mean, double Deviation)
{
    /// <summary>Gets plain scaling of pixel bytes to [0, 1].</summary>
    public static InputScaling Unit { get; } = new(0, 1);

    /// <summary>Measures the mean and standard deviation of scaled pixels.</summary>
    /// <param name="pixels">Pixel bytes of the training set.</param>
    /// <returns>The standardising scaling.</returns>
    public static InputScaling Standardize(ReadOnlySpan<byte> pixels)
    {
        double sum = 0;
        double sumSquares = 0;
        foreach (var p in pixels)
        {
            var v = p / 255.0;
            sum += v;
            sumSquares += v * v;
        }

        var mean = sum / Math.Max(1, pixels.Length);
        var variance = Math.Max(0, (sumSquares / Math.Max(1, pixels.Length)) - (mean * mean));
        return new InputScaling(mean, variance > 0 ? Math.Sqrt(variance) : 1);
    }

    /// <summary>Parses the text written by <see cref="ToString"/>.</summary>
    /// <param name="text">Text such as <c>mean=0.286,deviation=0.353</c>.</param>
    /// <returns>The scaling, or null when the text is malformed.</returns>
    public static InputScaling? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',');
        var invariant = CultureInfo.InvariantCulture;
        if (parts.Length != 2
            || !parts[0].StartsWith("mean=", StringComparison.Ordinal)
            || !parts[1].StartsWith("deviation=", StringComparison.Ordinal)
            || !double.TryParse(parts[0][5..], NumberStyles.Float, invariant, out var mean)
            || !double.TryParse(parts[1][10..], NumberStyles.Float, invariant, out var deviation)
            || !double.IsFinite(mean)
            || !(deviation > 0 && double.IsFinite(deviation)))
        {
            return null;
        }

        return new InputScaling(mean, deviation);
    }

    /// <summary>Scales pixel bytes into network inputs.</summary>
    /// <param name="pixels">The bytes.</param>
    /// <param name="destination">The inputs, same length.</param>
    public void Apply(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        var table = Table();
        for (var i = 0; i < pixels.Length; i++)
        {
            destination[i] = table[pixels[i]];
        }
    }

    /// <summary>Returns the input value of each of the 256 pixel bytes.</summary>
    /// <returns>x(p) for p = 0 … 255.</returns>
    public float[] Table()
    {
        var scale = 1.0 / (255.0 * Deviation);
        var shift = Mean / Deviation;
        var table = new float[256];
        for (var p = 0; p < table.Length; p++)
        {
            table[p] = (float)((p * scale) - shift);
        }

        return table;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"mean={Mean:R},deviation={Deviation:R}");
}
