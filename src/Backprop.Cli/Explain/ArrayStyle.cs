namespace Backprop.Cli.Explain;

/// <summary>How an array block is written.</summary>
internal enum ArrayStyle
{
    /// <summary>A matrix, row by row.</summary>
    Matrix,

    /// <summary>A column vector, written as a transposed row: (v₁ … vₙ)ᵀ.</summary>
    Vector,

    /// <summary>A diagonal matrix given by its diagonal: diag(d₁ … dₙ).</summary>
    Diagonal,
}
