namespace Backprop.Serialization;

/// <summary>The element types this library reads and writes in safetensors files.</summary>
/// <remarks>
/// Limitation: the other safetensors types (BF16, F16, I32, BOOL, …) are not supported;
/// a file that uses one is rejected with <see cref="InvalidDataException"/> naming it.
/// </remarks>
public enum SafetensorsDType
{
    /// <summary>32-bit IEEE 754 float, written <c>F32</c>.</summary>
    F32,

    /// <summary>64-bit IEEE 754 float, written <c>F64</c>.</summary>
    F64,

    /// <summary>64-bit signed integer, written <c>I64</c>.</summary>
    I64,

    /// <summary>8-bit unsigned integer, written <c>U8</c>.</summary>
    U8,
}
