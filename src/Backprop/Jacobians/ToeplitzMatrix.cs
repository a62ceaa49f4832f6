using Backprop.LinearAlgebra;

namespace Backprop.Jacobians;

/// <summary>
/// The doubly block Toeplitz matrix Teop(K) of a single-channel 2-D cross-correlation, so that
/// X * K = Teop(K) Vec(Xᵀ) (section 3.5 of the paper, Propositions 2–3).
/// </summary>
/// <remarks>
/// Vec(Xᵀ) lists X row by row (row-major); row (r, s) of Teop(K) — output position r, s in
/// row-major order — holds K[p, q] in column (r·stride + p, s·stride + q) of the input and
/// zeros elsewhere. The paper's 3 × 3 input / 2 × 2 kernel example shifts rows 3 and 4
/// wrongly; the correct rows are [0 0 0 k1 k2 0 k3 k4 0] and [0 0 0 0 k1 k2 0 k3 k4].
/// </remarks>
public static class ToeplitzMatrix
{
    /// <summary>Builds Teop(K) for an input of the given size.</summary>
    /// <param name="kernel">K, row-major kernelRows × kernelColumns.</param>
    /// <param name="kernelRows">Kernel height.</param>
    /// <param name="kernelColumns">Kernel width.</param>
    /// <param name="inputRows">Input height.</param>
    /// <param name="inputColumns">Input width.</param>
    /// <param name="stride">The step between output positions, on both axes.</param>
    /// <returns>The matrix, (outputRows · outputColumns) × (inputRows · inputColumns).</returns>
    /// <exception cref="ArgumentException">The kernel is larger than the input, or the
    /// kernel length does not match its shape.</exception>
    public static Matrix Build(
        ReadOnlySpan<double> kernel,
        int kernelRows,
        int kernelColumns,
        int inputRows,
        int inputColumns,
        int stride = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        if (kernel.Length != kernelRows * kernelColumns)
        {
            throw new ArgumentException(
                $"A {kernelRows} × {kernelColumns} kernel needs {kernelRows * kernelColumns} "
                + $"values; got {kernel.Length}.",
                nameof(kernel));
        }

        if (kernelRows > inputRows || kernelColumns > inputColumns)
        {
            throw new ArgumentException(
                $"The {kernelRows} × {kernelColumns} kernel is larger than the "
                + $"{inputRows} × {inputColumns} input.",
                nameof(kernel));
        }

        var outputRows = ((inputRows - kernelRows) / stride) + 1;
        var outputColumns = ((inputColumns - kernelColumns) / stride) + 1;
        var T = new Matrix(outputRows * outputColumns, inputRows * inputColumns);
        for (var r = 0; r < outputRows; r++)
        {
            for (var s = 0; s < outputColumns; s++)
            {
                var row = (r * outputColumns) + s;
                for (var p = 0; p < kernelRows; p++)
                {
                    for (var q = 0; q < kernelColumns; q++)
                    {
                        var column = (((r * stride) + p) * inputColumns) + (s * stride) + q;
                        T[row, column] = kernel[(p * kernelColumns) + q];
                    }
                }
            }
        }

        return T;
    }
}
