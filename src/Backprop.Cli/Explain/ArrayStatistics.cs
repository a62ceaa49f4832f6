namespace Backprop.Cli.Explain;

/// <summary>What a summary says about a matrix too large to print: counts, range, norm.</summary>
/// <param name="Entries">Rows × columns, implicit zeros included.</param>
/// <param name="Nonzeros">The number of entries that are not exactly zero.</param>
/// <param name="Min">The smallest entry (NaN when there are none).</param>
/// <param name="Max">The largest entry (NaN when there are none).</param>
/// <param name="SumOfSquares">Σ entries², the square of the Frobenius norm.</param>
internal readonly record struct ArrayStatistics(
    long Entries,
    long Nonzeros,
    double Min,
    double Max,
    double SumOfSquares)
{
    /// <summary>Gets the Frobenius norm ‖·‖_F = √(Σ entries²).</summary>
    public double FrobeniusNorm => Math.Sqrt(SumOfSquares);

    /// <summary>Describes stored values.</summary>
    public static ArrayStatistics Of(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return Zeros(0);
        }

        long nonzeros = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, squares = 0;
        foreach (var v in values)
        {
            nonzeros += v != 0 ? 1 : 0;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            squares += v * v;
        }

        return new ArrayStatistics(values.Length, nonzeros, min, max, squares);
    }

    /// <summary>Describes <paramref name="count"/> entries that are all zero.</summary>
    public static ArrayStatistics Zeros(long count) => count == 0
        ? new ArrayStatistics(0, 0, double.NaN, double.NaN, 0)
        : new ArrayStatistics(count, 0, 0, 0, 0);

    /// <summary>Describes the same values appearing <paramref name="times"/> times each.</summary>
    public ArrayStatistics Repeated(long times) =>
        this with
        {
            Entries = Entries * times,
            Nonzeros = Nonzeros * times,
            SumOfSquares = SumOfSquares * times,
        };

    /// <summary>Describes the union of two disjoint sets of entries.</summary>
    public ArrayStatistics Merge(ArrayStatistics other)
    {
        if (Entries == 0)
        {
            return other;
        }

        if (other.Entries == 0)
        {
            return this;
        }

        return new ArrayStatistics(
            Entries + other.Entries,
            Nonzeros + other.Nonzeros,
            Math.Min(Min, other.Min),
            Math.Max(Max, other.Max),
            SumOfSquares + other.SumOfSquares);
    }
}
