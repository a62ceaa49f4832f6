namespace Backprop.Jacobians;

/// <summary>The memory the explicit engine needs for one sample, part by part.</summary>
/// <remarks>
/// Computed from the network's shapes alone, before anything is allocated; see
/// <see cref="JacobianMemory.Estimate"/> for what is counted.
/// </remarks>
public sealed class JacobianMemoryEstimate
{
    /// <summary>Initializes an estimate from its parts.</summary>
    /// <param name="parts">The arrays counted; at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty.</exception>
    public JacobianMemoryEstimate(IReadOnlyList<JacobianMemoryPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("An estimate needs at least one part.", nameof(parts));
        }

        Parts = parts;
        var largest = parts[0];
        var total = 0.0;
        foreach (var part in parts)
        {
            total += part.Bytes;
            largest = part.Bytes > largest.Bytes ? part : largest;
        }

        Bytes = total;
        Largest = largest;
    }

    /// <summary>Gets the arrays counted, in the order the engine builds them.</summary>
    public IReadOnlyList<JacobianMemoryPart> Parts { get; }

    /// <summary>Gets the total, in bytes (a double: it may exceed what a long holds).</summary>
    public double Bytes { get; }

    /// <summary>Gets the part that takes the most bytes.</summary>
    public JacobianMemoryPart Largest { get; }

    /// <summary>Returns the first part too large for one .NET array, or null.</summary>
    /// <returns>The part, or null when every part fits.</returns>
    public JacobianMemoryPart? FirstTooLargeForOneArray()
    {
        foreach (var part in Parts)
        {
            if (!part.FitsOneArray)
            {
                return part;
            }
        }

        return null;
    }

    /// <summary>Returns this estimate with one more part.</summary>
    /// <param name="part">The part to add.</param>
    /// <returns>A new estimate.</returns>
    public JacobianMemoryEstimate With(JacobianMemoryPart part) => new([.. Parts, part]);
}
