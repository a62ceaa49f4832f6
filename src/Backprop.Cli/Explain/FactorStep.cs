namespace Backprop.Cli.Explain;

/// <summary>One factor of Algorithm 1 with its shape, structure and values.</summary>
/// <param name="Role">Which kind of factor.</param>
/// <param name="Layer">The layer l in the factor's name (D^[l], (W^[l])ᵀ, layer l's block).</param>
/// <param name="Value">The factor.</param>
/// <param name="Diagonal">The diagonal, when the factor is diagonal.</param>
/// <param name="ZeroUnits">Units (from 1) whose diagonal entry is exactly 0.</param>
/// <param name="Input">a^[l-1], the row repeated in a parameter Jacobian.</param>
internal sealed record FactorStep(
    FactorRole Role,
    LayerOverview Layer,
    ShownArray Value,
    ShownArray? Diagonal,
    IReadOnlyList<int> ZeroUnits,
    ShownArray? Input)
{
    /// <summary>Gets the factor's name, such as D^[1] or [I₅ ⊗ xᵀ | I₅].</summary>
    public MathText Name => Role switch
    {
        FactorRole.ActivationJacobian => Symbols.D(Layer.Number),
        FactorRole.TransposedWeights => Symbols.WTransposed(Layer.Number),
        _ => Symbols.Kronecker(Layer.Number, Layer.Units),
    };

    /// <summary>Gets what the factor is a Jacobian of.</summary>
    public MathText Meaning => Role switch
    {
        FactorRole.ActivationJacobian => Symbols.ActivationJacobian(Layer.Number),
        FactorRole.TransposedWeights => Symbols.InputJacobian(Layer.Number),
        _ => Symbols.ParameterJacobian(Layer.Number, Layer.Number),
    };

    /// <summary>Gets the name used in JSON for the role.</summary>
    public string RoleName => Role switch
    {
        FactorRole.ActivationJacobian => "activation-jacobian",
        FactorRole.TransposedWeights => "transposed-weights",
        _ => "parameter-jacobian",
    };
}
