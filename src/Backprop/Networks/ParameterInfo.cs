namespace Backprop.Networks;

/// <summary>One named parameter tensor of a network and its place in θ.</summary>
/// <param name="Name">The name, such as <c>W1</c> or <c>b2</c>.</param>
/// <param name="Shape">The shape, such as [inputs, units] for a dense W.</param>
/// <param name="Layer">The index of the layer it belongs to, from 0.</param>
/// <param name="ThetaOffset">Where its block starts in θ.</param>
public sealed record ParameterInfo(string Name, int[] Shape, int Layer, int ThetaOffset)
{
    /// <summary>Gets the number of entries.</summary>
    public int Count
    {
        get
        {
            var count = 1;
            foreach (var size in Shape)
            {
                count *= size;
            }

            return count;
        }
    }

    /// <summary>Gets the shape written as in messages, such as <c>[784, 300]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
