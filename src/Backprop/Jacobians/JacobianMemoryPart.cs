namespace Backprop.Jacobians;

/// <summary>One array the explicit engine builds for a sample, with its size.</summary>
/// <param name="Name">The factor in the paper's notation, such as <c>J_θ z^[L]</c>.</param>
/// <param name="Rows">The factor's row count.</param>
/// <param name="Columns">The factor's column count.</param>
/// <param name="Entries">The values actually stored (rows × columns when dense).</param>
/// <param name="BytesPerEntry">Bytes per stored value: 8 for a double, more where indices
/// are stored beside each value.</param>
/// <param name="IsSingleArray">Whether the values live in one .NET array, which cannot
/// hold more than <see cref="Array.MaxLength"/> elements.</param>
public readonly record struct JacobianMemoryPart(
    string Name,
    long Rows,
    long Columns,
    long Entries,
    int BytesPerEntry,
    bool IsSingleArray = true)
{
    /// <summary>Gets the bytes the part occupies: entries × bytes per entry.</summary>
    public double Bytes => (double)Entries * BytesPerEntry;

    /// <summary>Gets a value indicating whether one array can hold the part.</summary>
    public bool FitsOneArray => !IsSingleArray || Entries <= Array.MaxLength;
}
