namespace Backprop.Jacobians;

/// <summary>
/// A 0/1 selection matrix S with one 1 per row: max-pooling's J_{a^[l-1]} z^[l].
/// </summary>
/// <remarks>
/// Row i has its 1 in the column of the input that won window i (the first maximum in
/// row-major order on ties). Sᵀ v sends each output's gradient to that input; overlapping
/// windows may select the same input twice, and their gradients add.
/// </remarks>
public sealed class SelectionFactor : SparseFactor
{
    /// <summary>Initializes S from the selected input of each output.</summary>
    /// <param name="selected">For each output, the index of its input; not copied.</param>
    /// <param name="inputs">The number of inputs (columns).</param>
    public SelectionFactor(int[] selected, int inputs)
        : base(Length(selected), inputs, RowIndices(Length(selected)), selected)
    {
    }

    /// <summary>Gets the selected input of each output.</summary>
    public IReadOnlyList<int> Selected => EntryColumns;

    /// <inheritdoc/>
    public override FactorStructure Structure => FactorStructure.Selection;

    /// <inheritdoc/>
    public override long StoredCount => EntryCount;

    /// <inheritdoc/>
    public override double EntryValue(int e) => 1.0;

    private static int Length(int[] selected)
    {
        ArgumentNullException.ThrowIfNull(selected);
        return selected.Length;
    }

    private static int[] RowIndices(int count)
    {
        var rows = new int[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = i;
        }

        return rows;
    }
}
