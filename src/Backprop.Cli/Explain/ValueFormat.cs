using System.Globalization;

namespace Backprop.Cli.Explain;

/// <summary>
/// One number format for all entries of an array, so columns line up on the decimal point:
/// integers when every entry is one, fixed decimals (six significant digits of the largest
/// entry, fewer when the entries need fewer), or scientific for very large or small scales.
/// </summary>
internal sealed class ValueFormat
{
    private const int SignificantDigits = 6;
    private readonly string pattern;

    private ValueFormat(int decimals, bool scientific)
    {
        Decimals = decimals;
        Scientific = scientific;
        pattern = scientific ? "0.00000e+00" : "F" + Symbols.Int(decimals);
    }

    /// <summary>Gets the number of decimals of the fixed format.</summary>
    public int Decimals { get; }

    /// <summary>Gets a value indicating whether entries have a mantissa and exponent.</summary>
    public bool Scientific { get; }

    /// <summary>Chooses the format for a set of entries.</summary>
    public static ValueFormat For(ReadOnlySpan<double> values)
    {
        var maxAbs = 0.0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(v));
            }
        }

        if (maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-4))
        {
            return new ValueFormat(0, true);
        }

        var cap = maxAbs == 0
            ? 0
            : Math.Clamp(SignificantDigits - 1 - (int)Math.Floor(Math.Log10(maxAbs)), 0, 9);
        for (var decimals = 0; decimals < cap; decimals++)
        {
            if (AllExact(values, decimals))
            {
                return new ValueFormat(decimals, false);
            }
        }

        return new ValueFormat(cap, false);
    }

    /// <summary>Formats one entry, ASCII, padded on the right so decimal points align.</summary>
    /// <remarks>
    /// Exact integers, zeros above all, are written without decimals (0, 1), which makes the
    /// structure of a factor (sparsity, identity blocks) easy to see.
    /// </remarks>
    public string Aligned(double value)
    {
        var text = Compact(value);
        return IsInteger(value) && !Scientific && Decimals > 0
            ? text + new string(' ', Decimals + 1)
            : text;
    }

    /// <summary>Formats one entry, ASCII, unpadded; exact integers without decimals.</summary>
    public string Compact(double value)
    {
        if (value == 0)
        {
            // Also −0.0, which a product with a deleted row leaves behind.
            return "0";
        }

        if (IsInteger(value))
        {
            return value.ToString("F0", CultureInfo.InvariantCulture);
        }

        // Rounding can leave "-0.000000"; the sign stays, saying the entry is not exactly zero.
        return value.ToString(pattern, CultureInfo.InvariantCulture);
    }

    /// <summary>Rewrites an ASCII number for LaTeX math (1.5e-05 → 1.5 \times 10^{-5}).</summary>
    public static string LatexNumber(string text)
    {
        text = text.Trim();
        if (text is "NaN")
        {
            return @"\mathrm{NaN}";
        }

        if (text.Contains("Infinity", StringComparison.Ordinal))
        {
            return text.StartsWith('-') ? @"-\infty" : @"\infty";
        }

        var e = text.IndexOfAny(['e', 'E']);
        if (e < 0)
        {
            return text;
        }

        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture);
        return $"{text[..e]} \\times 10^{{{Symbols.Int(exponent)}}}";
    }

    private static bool IsInteger(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e6 && value == Math.Round(value);

    private static bool AllExact(ReadOnlySpan<double> values, int decimals)
    {
        foreach (var v in values)
        {
            if (double.IsFinite(v)
                && Math.Abs(Math.Round(v, decimals) - v) > 1e-12 * Math.Max(1, Math.Abs(v)))
            {
                return false;
            }
        }

        return true;
    }
}
