namespace Backprop.Serialization;

/// <summary>One tensor's header entry, already checked against the data section.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The shape; its sizes are non-negative.</param>
/// <param name="Begin">The first byte, relative to the data section.</param>
/// <param name="End">One past the last byte; End − Begin = elements × element size.</param>
internal sealed record SafetensorsEntry(
    string Name,
    SafetensorsDType DType,
    long[] Shape,
    long Begin,
    long End)
{
    /// <summary>Gets the length of the tensor's data in bytes.</summary>
    public long ByteCount => End - Begin;
}
