namespace Backprop.Cli.Explain;

/// <summary>One layer of the forward pass: z^[l] = (W^[l])ᵀ a^[l-1] + b^[l], a^[l] = f(z^[l]).
/// </summary>
/// <param name="Layer">The layer.</param>
/// <param name="Z">z^[l].</param>
/// <param name="A">a^[l].</param>
internal sealed record ForwardStep(LayerOverview Layer, ShownArray Z, ShownArray A);
