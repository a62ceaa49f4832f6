using System.Globalization;

namespace Backprop.Networks;

/// <summary>A pair of sizes along the two image axes: rows (height), then columns.</summary>
/// <param name="Rows">The size along the rows (height) axis.</param>
/// <param name="Columns">The size along the columns (width) axis.</param>
public readonly record struct Size2d(int Rows, int Columns)
{
    /// <summary>Gets the number of cells, Rows · Columns.</summary>
    public int Area => Rows * Columns;

    /// <summary>Writes the pair as <c>rows×columns</c>, such as <c>5×5</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Rows}×{Columns}");
}
