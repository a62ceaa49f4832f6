using Backprop.Networks;

namespace Backprop.Cli.Explain;

/// <summary>
/// Names the entries of θ (or of one layer's block of it) by parameter and 1-based index:
/// <c>W1[i,j]</c> for the weight from input i to unit j, <c>b1[j]</c> for a bias.
/// </summary>
/// <remarks>Labels are made on demand: a block of 10⁵ columns costs nothing until shown.</remarks>
internal sealed class ThetaLabels : IReadOnlyList<string>
{
    private readonly IReadOnlyList<ParameterInfo> parameters;
    private readonly int offset;

    /// <summary>Initializes labels for θ entries offset … offset + count − 1.</summary>
    public ThetaLabels(IReadOnlyList<ParameterInfo> parameters, int offset, int count)
    {
        this.parameters = parameters;
        this.offset = offset;
        Count = count;
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var k = offset + index;
            foreach (var info in parameters)
            {
                if (k < info.ThetaOffset || k >= info.ThetaOffset + info.Count)
                {
                    continue;
                }

                var i = k - info.ThetaOffset;
                if (info.Shape.Length == 1)
                {
                    return $"{info.Name}[{Symbols.Int(i + 1)}]";
                }

                // Vec stacks columns: entry i is row i mod inputs of column i / inputs.
                var inputs = info.Shape[0];
                var row = Symbols.Int((i % inputs) + 1);
                return $"{info.Name}[{row},{Symbols.Int((i / inputs) + 1)}]";
            }

            return Symbols.Int(k + 1);
        }
    }

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc/>
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() =>
        GetEnumerator();
}
