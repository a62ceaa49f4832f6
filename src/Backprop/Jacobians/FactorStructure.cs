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
}
