namespace Backprop.Activations;

/// <summary>The activation functions a dense or convolution layer can apply.</summary>
public enum ActivationKind
{
    /// <summary>f(z) = z.</summary>
    Identity,

    /// <summary>f(z) = max(0, z), with f′(0) = 0.</summary>
    Relu,

    /// <summary>f(z) = z for z &gt; 0, else 0.01 z; f′(0) = 0.01.</summary>
    LeakyRelu,

    /// <summary>f(z) = 1 / (1 + e^(−z)), with range (0, 1).</summary>
    Sigmoid,

    /// <summary>f(z) = tanh z.</summary>
    Tanh,

    /// <summary>f(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ), over the units of one sample.</summary>
    Softmax,
}
