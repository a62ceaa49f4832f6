using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

namespace Backprop.Serialization;

/// <summary>One named tensor of a safetensors file: element type, shape and raw data.</summary>
/// <remarks>
/// The data is stored as the file stores it: little-endian, row-major (the last index varies
/// fastest). The empty shape [] is a scalar with one element; a shape with a 0 has none.
/// </remarks>
public sealed class SafetensorsTensor
{
    private readonly byte[] data;

    private SafetensorsTensor(string name, SafetensorsDType dtype, long[] shape, byte[] data)
    {
        Name = name;
        DType = dtype;
        Shape = Array.AsReadOnly(shape);
        ElementCount = data.Length / SafetensorsDTypes.ElementSize(dtype);
        this.data = data;
    }

    /// <summary>Gets the tensor's name, the key of its header entry.</summary>
    public string Name { get; }

    /// <summary>Gets the element type.</summary>
    public SafetensorsDType DType { get; }

    /// <summary>Gets the shape, outermost dimension first; empty for a scalar.</summary>
    public ReadOnlyCollection<long> Shape { get; }

    /// <summary>Gets the number of elements, the product of the shape.</summary>
    public long ElementCount { get; }

    /// <summary>Gets the raw little-endian data: element count × element size bytes.</summary>
    public ReadOnlyMemory<byte> Data => data;

    /// <summary>Creates an F32 tensor from values in row-major order.</summary>
    /// <param name="name">The tensor's name; not empty and not <c>__metadata__</c>.</param>
    /// <param name="shape">The shape; its product must equal the number of values.</param>
    /// <param name="values">The values, last index fastest.</param>
    /// <returns>The tensor, holding a copy of the values.</returns>
    /// <exception cref="ArgumentException">The name is invalid, a size is negative, or the
    /// shape does not match the number of values.</exception>
    public static SafetensorsTensor Create(
        string name,
        ReadOnlySpan<long> shape,
        ReadOnlySpan<float> values) => CreateFrom(name, SafetensorsDType.F32, shape, values);

    /// <summary>Creates an F64 tensor from values in row-major order.</summary>
    /// <param name="name">The tensor's name; not empty and not <c>__metadata__</c>.</param>
    /// <param name="shape">The shape; its product must equal the number of values.</param>
    /// <param name="values">The values, last index fastest.</param>
    /// <returns>The tensor, holding a copy of the values.</returns>
    /// <exception cref="ArgumentException">The name is invalid, a size is negative, or the
    /// shape does not match the number of values.</exception>
    public static SafetensorsTensor Create(
        string name,
        ReadOnlySpan<long> shape,
        ReadOnlySpan<double> values) => CreateFrom(name, SafetensorsDType.F64, shape, values);

    /// <summary>Creates an I64 tensor from values in row-major order.</summary>
    /// <param name="name">The tensor's name; not empty and not <c>__metadata__</c>.</param>
    /// <param name="shape">The shape; its product must equal the number of values.</param>
    /// <param name="values">The values, last index fastest.</param>
    /// <returns>The tensor, holding a copy of the values.</returns>
    /// <exception cref="ArgumentException">The name is invalid, a size is negative, or the
    /// shape does not match the number of values.</exception>
    public static SafetensorsTensor Create(
        string name,
        ReadOnlySpan<long> shape,
        ReadOnlySpan<long> values) => CreateFrom(name, SafetensorsDType.I64, shape, values);

    /// <summary>Creates a tensor from raw little-endian data of any supported type.</summary>
    /// <param name="name">The tensor's name; not empty and not <c>__metadata__</c>.</param>
    /// <param name="dtype">The element type; <see cref="SafetensorsDType.U8"/> for bytes.</param>
    /// <param name="shape">The shape; its product times the element size must equal the
    /// data length.</param>
    /// <param name="data">The raw data, row-major, little-endian.</param>
    /// <returns>The tensor, holding a copy of the data.</returns>
    /// <exception cref="ArgumentException">The name is invalid, a size is negative, or the
    /// data length does not match the shape.</exception>
    public static SafetensorsTensor FromRawData(
        string name,
        SafetensorsDType dtype,
        ReadOnlySpan<long> shape,
        ReadOnlySpan<byte> data)
    {
        var size = SafetensorsDTypes.ElementSize(dtype);
        if (data.Length % size != 0)
        {
            throw new ArgumentException(
                $"tensor '{name}': {data.Length} bytes is not a whole number of "
                + $"{SafetensorsDTypes.ToName(dtype)} elements ({size} bytes each)",
                nameof(data));
        }

        var bytes = Allocate(name, dtype, shape, data.Length / size);
        data.CopyTo(bytes);
        return new SafetensorsTensor(name, dtype, shape.ToArray(), bytes);
    }

    /// <summary>Wraps data the reader has already checked against the shape.</summary>
    internal static SafetensorsTensor FromCheckedData(
        string name,
        SafetensorsDType dtype,
        long[] shape,
        byte[] data) => new(name, dtype, shape, data);

    /// <summary>Copies the values of an F32 tensor, row-major.</summary>
    /// <returns>A new array of <see cref="ElementCount"/> values.</returns>
    /// <exception cref="InvalidOperationException">The tensor is not F32.</exception>
    public float[] ToSingleArray()
    {
        RequireDType(SafetensorsDType.F32, nameof(ToSingleArray));
        return CopyAs<float>();
    }

    /// <summary>Copies the values of an F64 or F32 tensor as doubles, row-major.</summary>
    /// <remarks>F32 values widen exactly to double.</remarks>
    /// <returns>A new array of <see cref="ElementCount"/> values.</returns>
    /// <exception cref="InvalidOperationException">The tensor is neither F64 nor F32.</exception>
    public double[] ToDoubleArray()
    {
        if (DType == SafetensorsDType.F32)
        {
            return Array.ConvertAll(CopyAs<float>(), v => (double)v);
        }

        RequireDType(SafetensorsDType.F64, nameof(ToDoubleArray));
        return CopyAs<double>();
    }

    /// <summary>Copies the values of an I64 tensor, row-major.</summary>
    /// <returns>A new array of <see cref="ElementCount"/> values.</returns>
    /// <exception cref="InvalidOperationException">The tensor is not I64.</exception>
    public long[] ToInt64Array()
    {
        RequireDType(SafetensorsDType.I64, nameof(ToInt64Array));
        return CopyAs<long>();
    }

    private static SafetensorsTensor CreateFrom<T>(
        string name,
        SafetensorsDType dtype,
        ReadOnlySpan<long> shape,
        ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var bytes = Allocate(name, dtype, shape, values.Length);
        MemoryMarshal.AsBytes(values).CopyTo(bytes);
        SwapIfBigEndian(bytes, SafetensorsDTypes.ElementSize(dtype));
        return new SafetensorsTensor(name, dtype, shape.ToArray(), bytes);
    }

    private static byte[] Allocate(
        string name,
        SafetensorsDType dtype,
        ReadOnlySpan<long> shape,
        long valueCount)
    {
        ValidateName(name);
        foreach (var size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentException(
                    $"tensor '{name}': shape {SafetensorsDTypes.ShapeText(shape)} has a "
                    + "negative size",
                    nameof(shape));
            }
        }

        var count = SafetensorsDTypes.ElementCount(shape);
        if (count != valueCount)
        {
            throw new ArgumentException(
                $"tensor '{name}': shape {SafetensorsDTypes.ShapeText(shape)} does not hold "
                + $"the {valueCount} values given",
                nameof(shape));
        }

        // valueCount came from a span (at most int.MaxValue), so this cannot overflow.
        var byteCount = valueCount * SafetensorsDTypes.ElementSize(dtype);
        if (byteCount > Array.MaxLength)
        {
            throw new ArgumentException(
                $"tensor '{name}': {byteCount} bytes exceeds the largest array, "
                + $"{Array.MaxLength} bytes",
                nameof(shape));
        }

        return new byte[byteCount];
    }

    private static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name == SafetensorsFile.MetadataKey)
        {
            throw new ArgumentException(
                $"a tensor name must be non-empty and not '{SafetensorsFile.MetadataKey}'; "
                + $"got '{name}'",
                nameof(name));
        }
    }

    private static void SwapIfBigEndian(Span<byte> bytes, int elementSize)
    {
        // The file is little-endian; on a big-endian machine each element is reversed.
        if (BitConverter.IsLittleEndian || elementSize == 1)
        {
            return;
        }

        for (var start = 0; start < bytes.Length; start += elementSize)
        {
            bytes.Slice(start, elementSize).Reverse();
        }
    }

    private T[] CopyAs<T>()
        where T : unmanaged
    {
        var values = new T[ElementCount];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        data.CopyTo(bytes);
        SwapIfBigEndian(bytes, SafetensorsDTypes.ElementSize(DType));
        return values;
    }

    private void RequireDType(SafetensorsDType expected, string method)
    {
        if (DType != expected)
        {
            throw new InvalidOperationException(
                $"tensor '{Name}' is {SafetensorsDTypes.ToName(DType)}; {method} reads "
                + SafetensorsDTypes.ToName(expected));
        }
    }
}
