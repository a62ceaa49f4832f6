namespace Backprop.LinearAlgebra;

/// <summary>Which code computes the matrix products of <see cref="Gemm"/>.</summary>
public enum GemmBackend
{
    /// <summary>
    /// The managed kernels: always available, and bit-identical for any thread count.
    /// </summary>
    Managed,

    /// <summary>
    /// OpenBLAS's <c>cblas_sgemm</c> and <c>cblas_dgemm</c>, loaded at run time from
    /// <c>libopenblas.so.0</c>; products of other element types stay managed.
    /// </summary>
    OpenBlas,
}
