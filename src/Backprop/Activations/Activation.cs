using System.Numerics;
using Backprop.Jacobians;

namespace Backprop.Activations;

/// <summary>
/// An activation function a = f(z) with its Jacobian D = J_z f(z) and its backward product.
/// </summary>
/// <remarks>
/// Spans hold one or more samples, each a row of <c>units</c> values. Element-wise activations
/// ignore the row structure; softmax works row by row.
/// </remarks>
public abstract class Activation
{
    /// <summary>Gets which activation this is.</summary>
    public abstract ActivationKind Kind { get; }

    /// <summary>Gets the name used in network files, such as <c>leaky-relu</c>.</summary>
    public string Name => ActivationNames.ToName(Kind);

    /// <summary>Gets a value indicating whether f acts on each unit alone.</summary>
    /// <remarks>When it does, D is diagonal.</remarks>
    public virtual bool IsElementwise => true;

    /// <summary>Returns the activation object for a kind.</summary>
    /// <param name="kind">The activation kind.</param>
    /// <returns>A shared, stateless activation object.</returns>
    public static Activation FromKind(ActivationKind kind) => kind switch
    {
        ActivationKind.Identity => IdentityActivation.Instance,
        ActivationKind.Relu => ReluActivation.Instance,
        ActivationKind.LeakyRelu => LeakyReluActivation.Instance,
        ActivationKind.Sigmoid => SigmoidActivation.Instance,
        ActivationKind.Tanh => TanhActivation.Instance,
        ActivationKind.Softmax => SoftmaxActivation.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation."),
    };

    /// <summary>Computes a = f(z) for one or more samples.</summary>
    /// <param name="z">Pre-activations, samples × units, row-major.</param>
    /// <param name="a">Destination for the activations, the length of z.</param>
    /// <param name="units">Units per sample.</param>
    /// <typeparam name="T">float or double.</typeparam>
    public abstract void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int units)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Applies the transposed Jacobian: dz = Dᵀ da for each sample.</summary>
    /// <remarks>
    /// For an element-wise f this is dz = f′(z) ⊙ da; softmax overrides it with its full
    /// Jacobian. <paramref name="dz"/> may be the same memory as <paramref name="da"/>.
    /// </remarks>
    /// <param name="z">Pre-activations, samples × units.</param>
    /// <param name="a">Activations f(z), samples × units.</param>
    /// <param name="da">Loss gradient with respect to a, samples × units.</param>
    /// <param name="dz">Destination for the loss gradient with respect to z.</param>
    /// <param name="units">Units per sample.</param>
    /// <typeparam name="T">float or double.</typeparam>
    public virtual void Backward<T>(
        ReadOnlySpan<T> z,
        ReadOnlySpan<T> a,
        ReadOnlySpan<T> da,
        Span<T> dz,
        int units)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < z.Length; i++)
        {
            dz[i] = Derivative(z[i], a[i]) * da[i];
        }
    }

    /// <summary>Builds the activation Jacobian D = J_z f(z) of one sample.</summary>
    /// <remarks>
    /// Element-wise activations give a diagonal factor diag(f′(z)) (section 3.3 of the paper);
    /// softmax gives a dense one.
    /// </remarks>
    /// <param name="z">Pre-activations of one sample.</param>
    /// <param name="a">Activations of one sample.</param>
    /// <returns>The Jacobian factor, units × units.</returns>
    public virtual JacobianFactor Jacobian(ReadOnlySpan<double> z, ReadOnlySpan<double> a)
    {
        var d = new double[z.Length];
        for (var i = 0; i < z.Length; i++)
        {
            d[i] = Derivative(z[i], a[i]);
        }

        return new DiagonalFactor(d);
    }

    /// <summary>Computes f′ at one unit, for element-wise activations.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation f(z).</param>
    /// <typeparam name="T">float or double.</typeparam>
    /// <returns>f′(z).</returns>
    protected abstract T Derivative<T>(T z, T a)
        where T : unmanaged, IFloatingPointIeee754<T>;
}
