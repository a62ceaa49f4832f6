namespace Backprop.LinearAlgebra;

/// <summary>The three layouts of a product that the kernels compute.</summary>
internal enum GemmProduct
{
    /// <summary>C = A · B.</summary>
    Plain,

    /// <summary>C = A · Bᵀ.</summary>
    TransposedB,

    /// <summary>C = Aᵀ · B.</summary>
    TransposedA,
}
