namespace Backprop.Cli.Explain;

/// <summary>The three kinds of factor in the paper's Algorithm 1.</summary>
internal enum FactorRole
{
    /// <summary>D^[l] = J_z f^[l](z^[l]).</summary>
    ActivationJacobian,

    /// <summary>(W^[l])ᵀ = J_{a^[l-1]} z^[l].</summary>
    TransposedWeights,

    /// <summary>[I ⊗ (a^[l-1])ᵀ | I] = J_{W^[l],b^[l]} z^[l].</summary>
    ParameterJacobian,
}
