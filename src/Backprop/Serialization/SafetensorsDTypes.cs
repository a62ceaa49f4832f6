namespace Backprop.Serialization;

/// <summary>Names and element sizes of <see cref="SafetensorsDType"/> values.</summary>
internal static class SafetensorsDTypes
{
    /// <summary>The header names, in the order of <see cref="SafetensorsDType"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["F32", "F64", "I64", "U8"];

    /// <summary>Returns the size of one element in bytes.</summary>
    public static int ElementSize(SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F32 => sizeof(float),
        SafetensorsDType.F64 => sizeof(double),
        SafetensorsDType.I64 => sizeof(long),
        SafetensorsDType.U8 => sizeof(byte),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>Returns the name written in the header, such as <c>F32</c>.</summary>
    public static string ToName(SafetensorsDType dtype) => Names[(int)dtype];

    /// <summary>Looks up a dtype by its header name; names are case-sensitive.</summary>
    public static bool TryParse(string name, out SafetensorsDType dtype)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                dtype = (SafetensorsDType)i;
                return true;
            }
        }

        dtype = default;
        return false;
    }

    /// <summary>Returns the element count of a shape, or null when it overflows a long.</summary>
    /// <remarks>The empty shape [] is a scalar with one element.</remarks>
    /// <param name="shape">The shape; sizes are non-negative.</param>
    public static long? ElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var size in shape)
        {
            try
            {
                count = checked(count * size);
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return count;
    }

    /// <summary>Returns elements × element size, or null when either overflows a long.</summary>
    /// <param name="dtype">The element type.</param>
    /// <param name="shape">The shape; sizes are non-negative.</param>
    public static long? ByteCount(SafetensorsDType dtype, ReadOnlySpan<long> shape)
    {
        var count = ElementCount(shape);
        if (count is null || count.Value > long.MaxValue / ElementSize(dtype))
        {
            return null;
        }

        return count.Value * ElementSize(dtype);
    }

    /// <summary>Writes a shape as in messages, such as <c>[784, 300]</c>.</summary>
    public static string ShapeText(ReadOnlySpan<long> shape) =>
        "[" + string.Join(", ", shape.ToArray()) + "]";
}
