using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    public void Apply(ReadOnlySpan<byte> pixels, Span<float> destination) =>
        Convert(pixels, destination);

    /// <summary>Returns the input value of each of the 256 pixel bytes.</summary>
    /// <returns>x(p) for p = 0 … 255.</returns>
    public float[] Table()
    {
        var (scale, shift) = Coefficients();
        var table = new float[256];
        for (var p = 0; p < table.Length; p++)
        {
            table[p] = (float)((p * scale) - shift);
        }

        return table;
    }

    /// <summary>Scales bytes as <see cref="Table"/> does, eight at a time where the processor
    /// has AVX2.</summary>
    /// <remarks>The same double-precision product, difference and rounding to float as each
    /// table entry, lane by lane, so the values are the table's bit for bit.</remarks>
    /// <param name="pixels">The bytes.</param>
    /// <param name="destination">The inputs, at least as many.</param>
    internal void Convert(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        var (scale, shift) = Coefficients();
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, pixels.Length);
        var i = 0;
        if (Avx2.IsSupported)
        {
            var s = Vector256.Create(scale);
            var t = Vector256.Create(shift);
            ref var source = ref MemoryMarshal.GetReference(pixels);
            ref var target = ref MemoryMarshal.GetReference(destination);
            for (; i <= pixels.Length - 8; i += 8)
            {
                var bytes = Vector128.CreateScalarUnsafe(
                    Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, i))).AsByte();
                var ints = Avx2.ConvertToVector256Int32(bytes);
                var low = (Avx.ConvertToVector256Double(ints.GetLower()) * s) - t;
                var high = (Avx.ConvertToVector256Double(ints.GetUpper()) * s) - t;
                var values = Vector256.Create(
                    Avx.ConvertToVector128Single(low), Avx.ConvertToVector128Single(high));
                values.StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < pixels.Length; i++)
        {
            destination[i] = (float)((pixels[i] * scale) - shift);
        }
    }

    private (double Scale, double Shift) Coefficients() =>
        (1.0 / (255.0 * Deviation), Mean / Deviation);

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"mean={Mean:R},deviation={Deviation:R}");
}
