namespace Backprop.Networks;

/// <summary>One layer of a network description, in the order the layers are applied.</summary>
public abstract record LayerDescription
{
    /// <summary>Gets the type name used in network files, such as <c>dense</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>Gets a value indicating whether the layer has parameters (W or K, and b).</summary>
    public abstract bool HasParameters { get; }
}
