using System.Numerics;
using Backprop.Networks;

namespace Backprop.Training;

/// <content>
/// What the trainer uses of an engine that serves as one shard of a batch: products kept on
/// the calling thread, a dense first layer left to the trainer (its dZ^[1] read out, its z^[1]
/// filled in), and ∇θ to add into.
/// </content>
public sealed partial class FastNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Gets ∇θ for the trainer to add into or scale in place.</summary>
    /// <remarks>The next gradient computation then writes every row again.</remarks>
    internal T[] GradientForUpdate
    {
        get
        {
            zeroRowsKnown = false;
            return gradient;
        }
    }

    /// <summary>Gets or sets whether every product runs on the calling thread.</summary>
    /// <remarks>Set for the trainer's shards, which already run one per thread.</remarks>
    internal bool SerialProducts { get; set; }

    /// <summary>Gets or sets whether the backward pass leaves out the first layer's parameter
    /// gradient (a dense first layer), which the trainer then computes over a whole batch.
    /// </summary>
    internal bool SkipFirstLayerGradient { get; set; }

    /// <summary>Returns dz^[1] of the last gradient computation (scaled as its ∇z ℓ).</summary>
    /// <param name="batch">The number of samples in that computation.</param>
    /// <returns>dZ^[1], samples × units of the first layer.</returns>
    internal ReadOnlySpan<T> FirstLayerDelta(int batch) => dz[0].AsSpan(0, batch * units[0]);

    /// <summary>Gets z^[1] of a batch, samples × units, for a trainer that computes a dense
    /// first layer's product (and bias) over a larger batch itself.</summary>
    /// <param name="batch">The number of samples.</param>
    /// <returns>The first layer's pre-activations, to be filled.</returns>
    internal Span<T> FirstLayerPreActivations(int batch) => z[0].AsSpan(0, batch * units[0]);

    /// <summary>Computes the scaled loss sum of a batch and its gradient from z^[1], which the
    /// caller has put in <see cref="FirstLayerPreActivations"/>.</summary>
    /// <remarks>Needs <see cref="SkipFirstLayerGradient"/>: nothing after z^[1] uses the input.
    /// </remarks>
    /// <param name="target">Samples × OutputSize, row-major.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="scale">The factor for the loss sum and for dz^[L].</param>
    /// <returns>The loss summed over the samples, times the scale.</returns>
    internal T ComputeGradientAfterFirstLayer(ReadOnlySpan<T> target, int batch, T scale)
    {
        if (!SkipFirstLayerGradient || kinds[0] is not DenseLayerDescription)
        {
            throw new InvalidOperationException(
                "Only an engine that leaves out a dense first layer's gradient starts at z^[1].");
        }

        return Compute(target, batch, scale, firstLayerGiven: true);
    }
}
