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
/// other pair takes the general chain rule ∇z ℓ = J_z f(z)ᵀ ∇_ŷ ℓ. The two other pairs of
/// a log loss with a sigmoid or softmax output (sigmoid + cross-entropy, softmax + binary
/// cross-entropy) evaluate that same product in log form, so logits of ±1000 stay finite.
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

    /// <summary>Gets a value indicating whether the pair is a Table 1 pair.</summary>
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
        return T.Max(x, T.Zero) + LogOnePlus(T.Exp(-T.Abs(x)));
    }

    private static T LogOnePlus<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // log(1 + x) accurate for tiny x (the runtime's LogP1 forms 1 + x first and loses
        // the low digits): with u = 1 + x rounded, log(u) · x / (u − 1) corrects the rounding.
        var u = T.One + x;
        return u == T.One ? x : T.Log(u) * x / (u - T.One);
    }

    private T EvaluateFused<T>(
        ReadOnlySpan<T> z,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> yHat,
        Span<T> dz)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var loss = T.Zero;
        switch (ActivationKind)
        {
            case ActivationKind.Sigmoid:
                for (var i = 0; i < z.Length; i++)
                {
                    // y softplus(−z) + (1 − y) softplus(z): two non-negative terms, no
                    // cancellation when the logit is large and the target agrees with it.
                    loss += (y[i] * Softplus(-z[i])) + ((T.One - y[i]) * Softplus(z[i]));
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

    private T EvaluateGeneral<T>(
        ReadOnlySpan<T> z,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> yHat,
        Span<T> dz)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (ActivationKind, LossKind)
        {
            case (ActivationKind.Sigmoid, LossKind.CrossEntropy):
                return SigmoidCrossEntropy(z, y, dz);
            case (ActivationKind.Softmax, LossKind.BinaryCrossEntropy):
                return SoftmaxBinaryCrossEntropy(z, y, yHat, dz);
            default:
                // General chain rule: ∇z ℓ = J_z f(z)ᵀ ∇_ŷ ℓ, with ∇_ŷ ℓ computed in dz first.
                Loss.Gradient(yHat, y, dz);
                Activation.Backward(z, yHat, dz, dz, z.Length);
                return Loss.Value(yHat, y);
        }
    }

    private static T SigmoidCrossEntropy<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> dz)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // ℓ = −Σ yᵢ log σ(zᵢ) = Σ yᵢ softplus(−zᵢ); the chain rule −(yᵢ/ŷᵢ) σ(zᵢ) σ(−zᵢ)
        // simplifies to −yᵢ σ(−zᵢ), which stays finite where ŷᵢ underflows to 0.
        var loss = T.Zero;
        for (var i = 0; i < z.Length; i++)
        {
            loss += y[i] * Softplus(-z[i]);
            dz[i] = -y[i] * SigmoidActivation.Sigmoid(-z[i]);
        }

        return loss;
    }

    private static T SoftmaxBinaryCrossEntropy<T>(
        ReadOnlySpan<T> z,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> a,
        Span<T> dz)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // With log aᵢ = zᵢ − lse and log(1 − aᵢ) = lse₋ᵢ − lse (lse₋ᵢ leaves zᵢ out), the chain
        // rule gives ∂ℓ/∂zⱼ = −yⱼ + aⱼ Σᵢ yᵢ + (1 − yⱼ) aⱼ − Σᵢ≠ⱼ (1 − yᵢ) aᵢ rᵢⱼ, where
        // rᵢⱼ = aⱼ / (1 − aᵢ) = e^(zⱼ − lse₋ᵢ) lies in [0, 1]: every term is bounded.
        var lse = SoftmaxActivation.LogSumExp(z);
        var loss = T.Zero;
        var ySum = T.Zero;
        for (var j = 0; j < z.Length; j++)
        {
            ySum += y[j];
        }

        for (var j = 0; j < z.Length; j++)
        {
            dz[j] = -y[j] + (a[j] * ySum) + ((T.One - y[j]) * a[j]);
        }

        for (var i = 0; i < z.Length; i++)
        {
            var lseOthers = LogSumExpExcept(z, i);
            loss -= (y[i] * (z[i] - lse)) + ((T.One - y[i]) * (lseOthers - lse));
            for (var j = 0; j < z.Length; j++)
            {
                if (j != i)
                {
                    dz[j] -= (T.One - y[i]) * a[i] * T.Exp(z[j] - lseOthers);
                }
            }
        }

        return loss;
    }

    private static T LogSumExpExcept<T>(ReadOnlySpan<T> z, int skip)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = T.NegativeInfinity;
        for (var i = 0; i < z.Length; i++)
        {
            m = i == skip ? m : T.Max(m, z[i]);
        }

        var sum = T.Zero;
        for (var i = 0; i < z.Length; i++)
        {
            sum += i == skip ? T.Zero : T.Exp(z[i] - m);
        }

        return m + T.Log(sum);
    }
}
