using Backprop.LinearAlgebra;

namespace Backprop.Jacobians;

/// <summary>Everything the Jacobian engine computed for one layer of one sample.</summary>
/// <param name="Index">The layer's index, from 0 (the paper's layer l = Index + 1).</param>
/// <param name="Input">The layer's input a^[l-1] (x for the first layer).</param>
/// <param name="Z">The pre-activation z^[l].</param>
/// <param name="A">The activation a^[l] = f(z^[l]).</param>
/// <param name="ActivationJacobian">D^[l] = J_z f(z^[l]), units × units.</param>
/// <param name="ParameterJacobian">J_{W,b} z^[l] = [I ⊗ (a^[l-1])ᵀ | I].</param>
/// <param name="ChainToOutput">
/// J_{z^[l]} z^[L] = (W^[L])ᵀ D^[L-1] ⋯ (W^[l+1])ᵀ D^[l], n_L × n_l (the identity for l = L).
/// </param>
/// <param name="ThetaOffset">Where the layer's block of θ (Vec(W), then b) starts.</param>
/// <param name="ThetaCount">The length of the layer's block of θ.</param>
public sealed record LayerTrace(
    int Index,
    double[] Input,
    double[] Z,
    double[] A,
    JacobianFactor ActivationJacobian,
    KroneckerFactor ParameterJacobian,
    Matrix ChainToOutput,
    int ThetaOffset,
    int ThetaCount);
