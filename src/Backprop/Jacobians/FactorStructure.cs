namespace Backprop.Jacobians;

/// <summary>How a Jacobian factor is stored and what pattern its entries follow.</summary>
public enum FactorStructure
{
    /// <summary>Every entry stored.</summary>
    Dense,

    /// <summary>Only the diagonal stored; all other entries are zero.</summary>
    Diagonal,

    /// <summary>The identity matrix; nothing stored.</summary>
    Identity,

    /// <summary>[I ⊗ aᵀ | I]: a layer's input repeated on a block diagonal, then I.</summary>
    Kronecker,

    /// <summary>Teop(K): a convolution's doubly block Toeplitz matrix; only K stored.</summary>
    Toeplitz,

    /// <summary>A 0/1 selection matrix with one 1 per row, such as max-pooling's.</summary>
    Selection,

    /// <summary>[I ⊗ P | I ⊗ 1]: a convolution's patch matrix P = im2col(X) per filter.</summary>
    Patches,
}
