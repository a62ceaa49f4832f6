namespace Backprop.Training;

/// <summary>The parameter update rules.</summary>
public enum OptimizerKind
{
    /// <summary>θ ← θ − η ∇θ, the paper's stochastic gradient descent.</summary>
    Sgd,

    /// <summary>v ← μ v + ∇θ, θ ← θ − η v (heavy-ball momentum).</summary>
    Momentum,

    /// <summary>Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 and bias correction.</summary>
    Adam,
}
