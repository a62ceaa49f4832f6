using System.Numerics;
using Backprop.Activations;

namespace Backprop.Losses;

/// <summary>
/// The last activation paired with the loss: computes ŷ = f(z^[L]), ℓ(y, ŷ) and ∇_{z^[L]} ℓ.
/// </summary>
/// <remarks>
/// The paper's Table 1 pairs are fused and evaluated from the logits z, never from ŷ:
/// sigmoid + binary cross-entropy gives ℓ = Σ [max(z, 0) − y z + log(1 + e^(−|z|))] and
/// ∇z ℓ = ŷ − y; softmax + cross-entropy gives ℓ = Σ yᵢ (lse(z) − zᵢ) with lse the
/// log-sum-exp (maximum subtracted) and ∇z ℓ = (Σ y) ŷ − y, which is the paper's −(y − ŷ)
/// when the target sums to 1; identity + squared error gives ∇z ℓ = −2 (y − ŷ). Every
/// other pair takes the general chain rule ∇z ℓ = J_z f(z)ᵀ ∇_ŷ ℓ. In that path the loss
/// value still uses log σ(z) = −softplus(−z) and log softmax(z) = z − lse(z) where they
/// apply, so large logits give finite losses.
/// </remarks>
public sealed class OutputHead
{
    /// <summary>Initializes the head for an activation/loss pair.</summary>
    /// <param name="activation">The last layer's activation.</param>
    /// <param name="loss">The loss.</param>
    public OutputHead(ActivationKind activation, LossKind loss)
    {
        ActivationKind = activation;
        LossKind = loss;
        Activation = Activation.FromKind(activation);
        Loss = Loss.FromKind(loss);
        IsFused = (activation, loss) switch
        {
            (ActivationKind.Sigmoid, LossKind.BinaryCrossEntropy) => true,
            (ActivationKind.Softmax, LossKind.CrossEntropy) => true,
            (ActivationKind.Identity, LossKind.SquaredError) => true,
            _ => false,
        };
    }

    /// <summary>Gets the last activation's kind.</summary>
    public ActivationKind ActivationKind { get; }

    /// <summary>Gets the loss kind.</summary>
    public LossKind LossKind { get; }

    /// <summary>Gets the last activation.</summary>
    public Activation Activation { get; }

    /// <summary>Gets the loss.</summary>
    public Loss Loss { get; }

    /// <summary>Gets a value indicating whether the pair is one of the paper's Table 1 pairs.</summary>
    public bool IsFused { get; }

    /// <summary>Gets ∇z ℓ as the paper's Table 1 writes it, or the general rule.</summary>
    public string GradientFormula => (ActivationKind, LossKind) switch
    {
        (ActivationKind.Sigmoid, LossKind.BinaryCrossEntropy) => "-(y - ŷ)",
        (ActivationKind.Softmax, LossKind.CrossEntropy) => "-(y - ŷ)  (for Σy = 1)",
        (ActivationKind.Identity, LossKind.SquaredError) => "-2(y - ŷ)",
        _ => "J_z f(z)ᵀ ∇_ŷ ℓ  (general chain rule)",
    };

    /// <summary>Computes ŷ, the summed loss and ∇z ℓ for a batch.</summary>
    /// <param name="z">Logits z^[L], samples × units.</param>
    /// <param name="y">Targets, samples × units.</param>
    /// <param name="yHat">Destination for ŷ, samples × units.</param>
    /// <param name="dz">Destination for ∇z ℓ of each sample, samples × units.</param>
    /// <param name="units">Output units per sample.</param>
    /// <typeparam name="T">float or double.</typeparam>
    /// <returns>The sum of the samples' losses.</returns>
    public T Evaluate<T>(
        ReadOnlySpan<T> z,
        ReadOnlySpan<T> y,
        Span<T> yHat,
        Span<T> dz,
        int units)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Activation.Forward(z, yHat, units);
        var total = T.Zero;
        for (var start = 0; start < z.Length; start += units)
        {
            var zRow = z.Slice(start, units);
            var yRow = y.Slice(start, units);
            var yHatRow = yHat.Slice(start, units);
            var dzRow = dz.Slice(start, units);
            total += IsFused
                ? EvaluateFused(zRow, yRow, yHatRow, dzRow)
                : EvaluateGeneral(zRow, yRow, yHatRow, dzRow);
        }

        return total;
    }

    private static T Softplus<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // log(1 + eˣ) = max(x, 0) + log(1 + e^(−|x|)), which never overflows.
        return T.Max(x, T.Zero) + T.LogP1(T.Exp(-T.Abs(x)));
    }

    private T EvaluateFused<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, ReadOnlySpan<T> yHat, Span<T> dz)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var loss = T.Zero;
        switch (ActivationKind)
        {
            case ActivationKind.Sigmoid:
                for (var i = 0; i < z.Length; i++)
                {
                    loss += Softplus(z[i]) - (y[i] * z[i]);
                    dz[i] = yHat[i] - y[i];
                }

                break;
            case ActivationKind.Softmax:
                var lse = SoftmaxActivation.LogSumExp(z);
                var ySum = T.Zero;
                for (var i = 0; i < z.Length; i++)
                {
                    loss += y[i] * (lse - z[i]);
                    ySum += y[i];
                }

                for (var i = 0; i < z.Length; i++)
                {
                    dz[i] = (ySum * yHat[i]) - y[i];
                }

                break;
            default:
                loss = SquaredErrorLoss.Instance.Value(yHat, y);
                SquaredErrorLoss.Instance.Gradient(yHat, y, dz);
                break;
        }

        return loss;
    }

    private T EvaluateGeneral<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, ReadOnlySpan<T> yHat, Span<T> dz)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // General chain rule: ∇z ℓ = J_z f(z)ᵀ ∇_ŷ ℓ, with ∇_ŷ ℓ computed in dz first.
        Loss.Gradient(yHat, y, dz);
        Activation.Backward(z, yHat, dz, dz, z.Length);
        return LossKind == LossKind.SquaredError ? Loss.Value(yHat, y) : LogLoss(z, y, yHat);
    }

    private T LogLoss<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, ReadOnlySpan<T> yHat)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lse = ActivationKind == ActivationKind.Softmax
            ? SoftmaxActivation.LogSumExp(z)
            : T.Zero;
        var loss = T.Zero;
        for (var i = 0; i < z.Length; i++)
        {
            // log ŷ and log(1 − ŷ) from the logits where the activation allows it.
            var (logP, logQ) = ActivationKind switch
            {
                ActivationKind.Sigmoid => (-Softplus(-z[i]), -Softplus(z[i])),
                ActivationKind.Softmax => (z[i] - lse, T.LogP1(-yHat[i])),
                _ => (T.Log(yHat[i]), T.LogP1(-yHat[i])),
            };
            if (y[i] != T.Zero)
            {
                loss -= y[i] * logP;
            }

            if (LossKind == LossKind.BinaryCrossEntropy && y[i] != T.One)
            {
                loss -= (T.One - y[i]) * logQ;
            }
        }

        return loss;
    }
}
