using System.Numerics;

namespace Backprop.Activations;

/// <summary>The rectified linear unit f(z) = max(0, z).</summary>
/// <remarks>
/// At the kink the derivative is taken as ReLU′(0) = 0, so D = diag(f′(z)) is a 0/1 diagonal
/// that deletes the rows of inactive units.
/// </remarks>
public sealed class ReluActivation : Activation
{
    private ReluActivation()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static ReluActivation Instance { get; } = new();

    /// <inheritdoc/>
    public override ActivationKind Kind => ActivationKind.Relu;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int units)
    {
        // Branch-free: a lane keeps z where z > 0 and is 0 elsewhere (NaN included), the same
        // rule as the scalar tail.
        var i = 0;
        if (Vector.IsHardwareAccelerated && z.Length >= Vector<T>.Count)
        {
            var a0 = a.Slice(0, z.Length);
            for (; i <= z.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(z.Slice(i));
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), v, Vector<T>.Zero)
                    .CopyTo(a0.Slice(i));
            }
        }

        for (; i < z.Length; i++)
        {
            a[i] = z[i] > T.Zero ? z[i] : T.Zero;
        }
    }

    /// <inheritdoc/>
    public override void Backward<T>(
        ReadOnlySpan<T> z,
        ReadOnlySpan<T> a,
        ReadOnlySpan<T> da,
        Span<T> dz,
        int units)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && z.Length >= Vector<T>.Count)
        {
            var dz0 = dz.Slice(0, z.Length);
            var da0 = da.Slice(0, z.Length);
            for (; i <= z.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var active = Vector.GreaterThan(new Vector<T>(z.Slice(i)), Vector<T>.Zero);
                Vector.ConditionalSelect(active, new Vector<T>(da0.Slice(i)), Vector<T>.Zero)
                    .CopyTo(dz0.Slice(i));
            }
        }

        for (; i < z.Length; i++)
        {
            dz[i] = z[i] > T.Zero ? da[i] : T.Zero;
        }
    }

    /// <inheritdoc/>
    protected override T Derivative<T>(T z, T a) => z > T.Zero ? T.One : T.Zero;
}
