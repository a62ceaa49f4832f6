using System.Numerics.Tensors;

namespace Backprop.Training;

/// <summary>Updates θ in place from a gradient, keeping its state in contiguous buffers.</summary>
public sealed class Optimizer
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    /// <summary>Initializes an optimizer for θ of a given length.</summary>
    /// <param name="kind">The update rule.</param>
    /// <param name="parameterCount">The length of θ.</param>
    /// <param name="momentum">μ for <see cref="OptimizerKind.Momentum"/>.</param>
    public Optimizer(OptimizerKind kind, int parameterCount, float momentum = 0.9f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        Kind = kind;
        MomentumCoefficient = momentum;
        var buffers = kind switch
        {
            OptimizerKind.Sgd => 0,
            OptimizerKind.Momentum => 1,
            _ => 2,
        };
        State = new float[buffers][];
        for (var i = 0; i < buffers; i++)
        {
            State[i] = new float[parameterCount];
        }
    }

    /// <summary>Gets the update rule.</summary>
    public OptimizerKind Kind { get; }

    /// <summary>Gets μ, the momentum coefficient.</summary>
    public float MomentumCoefficient { get; }

    /// <summary>Gets the state buffers: none for SGD, v for momentum, m and v for Adam.</summary>
    public float[][] State { get; }

    /// <summary>Gets or sets the number of steps taken (Adam's bias correction uses it).</summary>
    public long StepCount { get; set; }

    /// <summary>Applies one update θ ← θ − η · step(∇θ).</summary>
    /// <param name="theta">θ, updated in place.</param>
    /// <param name="gradient">∇θ, the same length.</param>
    /// <param name="eta">The learning rate η.</param>
    public void Step(Span<float> theta, ReadOnlySpan<float> gradient, float eta)
    {
        StepCount++;
        switch (Kind)
        {
            case OptimizerKind.Sgd:
                TensorPrimitives.MultiplyAdd(gradient, -eta, theta, theta);
                break;
            case OptimizerKind.Momentum:
                var v = State[0].AsSpan();
                // v ← μ v + ∇θ, then θ ← θ − η v.
                TensorPrimitives.MultiplyAdd(v, MomentumCoefficient, gradient, v);
                TensorPrimitives.MultiplyAdd(v, -eta, theta, theta);
                break;
            default:
                AdamStep(theta, gradient, eta);
                break;
        }
    }

    private void AdamStep(Span<float> theta, ReadOnlySpan<float> gradient, float eta)
    {
        var m = State[0];
        var v = State[1];
        var correction1 = 1.0 - Math.Pow(Beta1, StepCount);
        var correction2 = 1.0 - Math.Pow(Beta2, StepCount);
        var stepSize = (float)(eta * Math.Sqrt(correction2) / correction1);
        for (var i = 0; i < theta.Length; i++)
        {
            var g = gradient[i];
            m[i] = (Beta1 * m[i]) + ((1 - Beta1) * g);
            v[i] = (Beta2 * v[i]) + ((1 - Beta2) * g * g);
            theta[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) + Epsilon);
        }
    }
}
