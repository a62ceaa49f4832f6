using System.Globalization;
using Xunit.Sdk;

namespace Backprop.Tests.TestSupport;

/// <summary>Compares arrays with a relative-plus-absolute tolerance.</summary>
internal static class ArrayAssert
{
    public static void Close(
        ReadOnlySpan<double> expected,
        ReadOnlySpan<double> actual,
        double relative,
        double absolute = 0,
        string what = "array")
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException(
                $"{what}: expected length {expected.Length}, got {actual.Length}");
        }

        var firstBad = -1;
        var largest = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var difference = Math.Abs(expected[i] - actual[i]);
            var counted = double.IsNaN(difference) ? double.PositiveInfinity : difference;
            largest = Math.Max(largest, counted);
            var ok = difference <= absolute + (relative * Math.Abs(expected[i]));
            if (!ok && firstBad < 0)
            {
                firstBad = i;
            }
        }

        if (firstBad >= 0)
        {
            throw new XunitException(string.Create(
                CultureInfo.InvariantCulture,
                $"{what}: index {firstBad}: expected {expected[firstBad]:R}, got "
                + $"{actual[firstBad]:R}; largest difference {largest:R}"));
        }
    }

    public static void Close(double expected, double actual, double relative, string what)
    {
        Close([expected], [actual], relative, 0, what);
    }
}
