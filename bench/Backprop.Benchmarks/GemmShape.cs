namespace Backprop.Benchmarks;

/// <summary>One matrix product of the training step: C (m × n) over an inner size k.</summary>
/// <param name="Name">Where training runs it.</param>
/// <param name="Layout">"NN" for A·B, "NT" for A·Bᵀ, "TN" for Aᵀ·B.</param>
/// <param name="M">Rows of C.</param>
/// <param name="K">The inner size.</param>
/// <param name="N">Columns of C.</param>
public sealed record GemmShape(string Name, string Layout, int M, int K, int N)
{
    /// <summary>Gets the floating-point operations of one product, 2·m·k·n.</summary>
    public double Flops => 2.0 * M * K * N;

    /// <summary>The LeNet-300-100 products at batch 64, and a square one for the peak.</summary>
    public static IReadOnlyList<GemmShape> Training { get; } =
    [
        new("fwd1", "NT", 64, 784, 300),
        new("fwd2", "NT", 64, 300, 100),
        new("fwd3", "NT", 64, 100, 10),
        new("dW1", "TN", 300, 64, 784),
        new("dW2", "TN", 100, 64, 300),
        new("dW3", "TN", 10, 64, 100),
        new("dA2", "NN", 64, 100, 300),
        new("dA3", "NN", 64, 10, 100),
        new("square", "NN", 256, 256, 256),
    ];

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Layout} {M}x{K}x{N}";
}
