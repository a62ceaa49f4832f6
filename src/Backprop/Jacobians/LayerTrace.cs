using Backprop.LinearAlgebra;

namespace Backprop.Jacobians;

/// <summary>Everything the Jacobian engine computed for one layer of one sample.</summary>
/// <param name="Index">The layer's index, from 0 (the paper's layer l = Index + 1).</param>
/// <param name="Input">The layer's input a^[l-1] (x for the first layer).</param>
/// <param name="Z">The pre-activation z^[l] (the output, for a layer without f).</param>
/// <param name="A">The activation a^[l] = f(z^[l]) (equal to Z for a layer without f).</param>
/// <param name="ActivationJacobian">D^[l] = J_z f(z^[l]); the identity without f.</param>
/// <param name="InputJacobian">
/// J_{a^[l-1]} z^[l]: (W^[l])ᵀ for a dense layer, Teop(K^[l]) for a convolution, a 0/1
/// selection matrix for max-pooling, the identity for flatten.
/// </param>
/// <param name="ParameterJacobian">
/// J_{W,b} z^[l] = [I ⊗ (a^[l-1])ᵀ | I] for a dense layer, [I ⊗ Pᵀ | I ⊗ 1] for a
/// convolution; null for a layer without parameters.
/// </param>
/// <param name="ChainToOutput">
/// J_{z^[l]} z^[L] = J_{a^[L-1]} z^[L] D^[L-1] ⋯ J_{a^[l]} z^[l+1] D^[l], n_L × size of
/// z^[l] (the identity for l = L); for dense layers the J_{a} z factors are (W^[k])ᵀ.
/// </param>
/// <param name="ThetaOffset">Where the layer's block of θ (Vec(W) or K, then b) starts.</param>
/// <param name="ThetaCount">The length of the layer's block of θ (0 without parameters).
/// </param>
public sealed record LayerTrace(
    int Index,
    double[] Input,
    double[] Z,
    double[] A,
    JacobianFactor ActivationJacobian,
    JacobianFactor InputJacobian,
    JacobianFactor? ParameterJacobian,
    Matrix ChainToOutput,
    int ThetaOffset,
    int ThetaCount);
