namespace Backprop.LinearAlgebra;

/// <summary>The paper's Vec operator: a matrix's columns stacked, first column on top.</summary>
public static class Vec
{
    /// <summary>Stacks the columns of a row-major rows × columns array into a vector.</summary>
    /// <param name="rowMajor">The entries, row by row.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <param name="destination">Destination of length rows × columns.</param>
    public static void Stack(
        ReadOnlySpan<double> rowMajor,
        int rows,
        int columns,
        Span<double> destination)
    {
        for (var j = 0; j < columns; j++)
        {
            for (var i = 0; i < rows; i++)
            {
                destination[(j * rows) + i] = rowMajor[(i * columns) + j];
            }
        }
    }

    /// <summary>Inverts <see cref="Stack"/>: refills a row-major array from Vec order.</summary>
    /// <param name="stacked">The entries in Vec order (columns stacked).</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <param name="destination">Row-major destination of length rows × columns.</param>
    public static void Unstack(
        ReadOnlySpan<double> stacked,
        int rows,
        int columns,
        Span<double> destination)
    {
        for (var j = 0; j < columns; j++)
        {
            for (var i = 0; i < rows; i++)
            {
                destination[(i * columns) + j] = stacked[(j * rows) + i];
            }
        }
    }
}
