using Backprop.LinearAlgebra;
using Backprop.Losses;
using Backprop.Networks;

namespace Backprop.Jacobians;

/// <summary>The factors of Algorithm 1 for one sample, and the gradient they give.</summary>
/// <remarks>
/// ∇θ ℓ = (J_θ z^[L])ᵀ ∇_{z^[L]} ℓ, with
/// J_θ z^[L] = [J_{W^[1],b^[1]} z^[L] | … | J_{W^[L],b^[L]} z^[L]] and
/// J_{W^[l],b^[l]} z^[L] = J_{z^[l]} z^[L] · [I ⊗ (a^[l-1])ᵀ | I].
/// </remarks>
public sealed class JacobianResult
{
    internal JacobianResult(
        NetworkDescription network,
        OutputHead head,
        IReadOnlyList<LayerTrace> layers,
        double loss,
        double[] outputGradient,
        Matrix thetaJacobian,
        double[] thetaGradient)
    {
        Network = network;
        Head = head;
        Layers = layers;
        Loss = loss;
        OutputGradient = outputGradient;
        ThetaJacobian = thetaJacobian;
        ThetaGradient = thetaGradient;
    }

    /// <summary>Gets the network.</summary>
    public NetworkDescription Network { get; }

    /// <summary>Gets the last-activation/loss pair that produced ∇z ℓ.</summary>
    public OutputHead Head { get; }

    /// <summary>Gets the per-layer factors, first layer first.</summary>
    public IReadOnlyList<LayerTrace> Layers { get; }

    /// <summary>Gets the loss ℓ of the sample.</summary>
    public double Loss { get; }

    /// <summary>Gets the network output ŷ = f^[L](z^[L]).</summary>
    public IReadOnlyList<double> Output => Layers[^1].A;

    /// <summary>Gets ∇_{z^[L]} ℓ.</summary>
    public double[] OutputGradient { get; }

    /// <summary>Gets J_θ z^[L], n_L × P, columns in θ order.</summary>
    public Matrix ThetaJacobian { get; }

    /// <summary>Gets ∇θ ℓ = (J_θ z^[L])ᵀ ∇_{z^[L]} ℓ, in θ order.</summary>
    public double[] ThetaGradient { get; }

    /// <summary>Copies out one layer's block J_{W^[l],b^[l]} z^[L] of J_θ z^[L].</summary>
    /// <param name="layer">The layer index, from 0.</param>
    /// <returns>The block, n_L × (n_(l−1) n_l + n_l).</returns>
    public Matrix LayerBlock(int layer)
    {
        var trace = Layers[layer];
        var block = new Matrix(ThetaJacobian.Rows, trace.ThetaCount);
        for (var r = 0; r < block.Rows; r++)
        {
            ThetaJacobian.Row(r).Slice(trace.ThetaOffset, trace.ThetaCount).CopyTo(block.Row(r));
        }

        return block;
    }

    /// <summary>Returns the gradient as named tensors (W row-major as inputs × units).</summary>
    /// <returns>The gradient in the parameters' own shapes.</returns>
    public NetworkParameters Gradients() => NetworkParameters.FromTheta(Network, ThetaGradient);
}
