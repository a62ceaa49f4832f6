using System.Numerics.Tensors;
using Backprop.Threading;

namespace Backprop.Training;

/// <summary>Updates θ in place from a gradient, keeping its state in contiguous buffers.</summary>
public sealed class Optimizer
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    // θ is updated in ranges of this many entries, one range per work item.
    private const int RangeSize = 1 << 14;

    private UpdateJob? job;

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
        Update(theta, gradient, 0, StepFactor(eta));
    }

    /// <summary>Applies one update, with ranges of θ shared out over threads.</summary>
    /// <remarks>Every entry is updated by the same operations as in the serial form, so the
    /// result does not depend on the thread count.</remarks>
    /// <param name="theta">θ, updated in place.</param>
    /// <param name="gradient">∇θ, the same length.</param>
    /// <param name="eta">The learning rate η.</param>
    /// <param name="threads">The most threads to use.</param>
    internal void Step(float[] theta, float[] gradient, float eta, int threads)
    {
        job ??= new UpdateJob(this);
        job.Prepare(theta, gradient, BeginStep(eta));
        WorkerTeam.Shared.Run(job, (theta.Length + RangeSize - 1) / RangeSize, threads);
        job.Release();
    }

    /// <summary>Counts a step and returns its factor for <see cref="UpdateRange"/>.</summary>
    /// <param name="eta">The learning rate η.</param>
    /// <returns>η, or Adam's bias-corrected step size.</returns>
    internal float BeginStep(float eta)
    {
        StepCount++;
        return StepFactor(eta);
    }

    /// <summary>Updates one range of θ in a step begun with <see cref="BeginStep"/>.</summary>
    /// <param name="theta">The range of θ, updated in place.</param>
    /// <param name="gradient">The same range of ∇θ.</param>
    /// <param name="offset">Where the range starts in θ (for the state buffers).</param>
    /// <param name="factor">The step's factor.</param>
    internal void UpdateRange(
        Span<float> theta, ReadOnlySpan<float> gradient, int offset, float factor) =>
        Update(theta, gradient, offset, factor);

    // η for SGD and momentum; Adam's bias-corrected step size.
    private float StepFactor(float eta)
    {
        if (Kind != OptimizerKind.Adam)
        {
            return eta;
        }

        var correction1 = 1.0 - Math.Pow(Beta1, StepCount);
        var correction2 = 1.0 - Math.Pow(Beta2, StepCount);
        return (float)(eta * Math.Sqrt(correction2) / correction1);
    }

    // Updates θ[offset …] from the matching slice of ∇θ and of the state.
    private void Update(Span<float> theta, ReadOnlySpan<float> gradient, int offset, float eta)
    {
        switch (Kind)
        {
            case OptimizerKind.Sgd:
                TensorPrimitives.MultiplyAdd(gradient, -eta, theta, theta);
                break;
            case OptimizerKind.Momentum:
                var v = State[0].AsSpan(offset, theta.Length);
                // v ← μ v + ∇θ, then θ ← θ − η v.
                TensorPrimitives.MultiplyAdd(v, MomentumCoefficient, gradient, v);
                TensorPrimitives.MultiplyAdd(v, -eta, theta, theta);
                break;
            default:
                AdamUpdate(theta, gradient, offset, eta);
                break;
        }
    }

    private void AdamUpdate(Span<float> theta, ReadOnlySpan<float> gradient, int offset, float step)
    {
        var m = State[0].AsSpan(offset, theta.Length);
        var v = State[1].AsSpan(offset, theta.Length);
        for (var i = 0; i < theta.Length; i++)
        {
            var g = gradient[i];
            m[i] = (Beta1 * m[i]) + ((1 - Beta1) * g);
            v[i] = (Beta2 * v[i]) + ((1 - Beta2) * g * g);
            theta[i] -= step * m[i] / (MathF.Sqrt(v[i]) + Epsilon);
        }
    }

    /// <summary>One update of θ, a range of θ per item.</summary>
    private sealed class UpdateJob(Optimizer optimizer) : IIndexedWork
    {
        private float[] theta = [];
        private float[] gradient = [];
        private float eta;

        public void Prepare(float[] parameters, float[] gradients, float factor)
        {
            theta = parameters;
            gradient = gradients;
            eta = factor;
        }

        public void Release()
        {
            theta = [];
            gradient = [];
        }

        public void Execute(int item)
        {
            var from = item * RangeSize;
            var length = Math.Min(RangeSize, theta.Length - from);
            optimizer.Update(
                theta.AsSpan(from, length), gradient.AsSpan(from, length), from, eta);
        }
    }
}
