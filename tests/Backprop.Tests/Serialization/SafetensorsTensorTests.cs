using Backprop.Serialization;

namespace Backprop.Tests.Serialization;

public class SafetensorsTensorTests
{
    [Fact]
    public void Create_Single_StoresLittleEndianBytes()
    {
        var tensor = SafetensorsTensor.Create("x", [2], new[] { 1f, -2f });

        // 1.0f = 0x3F800000 and -2.0f = 0xC0000000, least significant byte first.
        byte[] expected = [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0];
        Assert.Equal(expected, tensor.Data.ToArray());
    }

    [Fact]
    public void Create_Double_RoundTripsValuesAndShape()
    {
        double[] values = [1.5, -0.25, double.MaxValue, double.Epsilon, 0, -0.0];

        var tensor = SafetensorsTensor.Create("W1", [2, 3], values);

        Assert.Equal(SafetensorsDType.F64, tensor.DType);
        Assert.Equal([2L, 3L], tensor.Shape);
        Assert.Equal(6, tensor.ElementCount);
        Assert.Equal(values, tensor.ToDoubleArray());
    }

    [Fact]
    public void Create_Int64_RoundTripsValues()
    {
        long[] values = [long.MinValue, -1, 0, long.MaxValue];

        var tensor = SafetensorsTensor.Create("step", [4], values);

        Assert.Equal(values, tensor.ToInt64Array());
    }

    [Fact]
    public void Create_ScalarShape_HoldsOneElement()
    {
        var tensor = SafetensorsTensor.Create("epoch", [], new[] { 7L });

        Assert.Empty(tensor.Shape);
        Assert.Equal(1, tensor.ElementCount);
        Assert.Equal(8, tensor.Data.Length);
    }

    [Fact]
    public void Create_ZeroSize_HoldsNoElements()
    {
        var tensor = SafetensorsTensor.Create("none", [3, 0], Array.Empty<float>());

        Assert.Equal(0, tensor.ElementCount);
        Assert.Empty(tensor.ToSingleArray());
    }

    [Fact]
    public void ToDoubleArray_OfSingles_WidensExactly()
    {
        var tensor = SafetensorsTensor.Create("x", [2], new[] { 0.1f, 3f });

        Assert.Equal([(double)0.1f, 3.0], tensor.ToDoubleArray());
    }

    [Fact]
    public void ToSingleArray_OfDoubles_ThrowsInvalidOperation()
    {
        var tensor = SafetensorsTensor.Create("x", [1], new[] { 1.0 });

        var e = Assert.Throws<InvalidOperationException>(() => tensor.ToSingleArray());
        Assert.Contains("'x' is F64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToInt64Array_OfSingles_ThrowsInvalidOperation()
    {
        var tensor = SafetensorsTensor.Create("x", [1], new[] { 1f });

        Assert.Throws<InvalidOperationException>(() => tensor.ToInt64Array());
    }

    [Fact]
    public void ToDoubleArray_OfBytes_ThrowsInvalidOperation()
    {
        var tensor = SafetensorsTensor.FromRawData("x", SafetensorsDType.U8, [2], [1, 2]);

        Assert.Throws<InvalidOperationException>(() => tensor.ToDoubleArray());
    }

    [Fact]
    public void Create_ShapeNotMatchingValues_ThrowsArgument()
    {
        var e = Assert.Throws<ArgumentException>(
            () => SafetensorsTensor.Create("W1", [2, 3], new float[5]));
        Assert.Contains("[2, 3] does not hold the 5 values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NegativeSize_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(
            () => SafetensorsTensor.Create("x", [-1, -2], new float[2]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("__metadata__")]
    public void Create_ReservedOrEmptyName_ThrowsArgument(string name)
    {
        Assert.Throws<ArgumentException>(() => SafetensorsTensor.Create(name, [1], new[] { 1f }));
    }

    [Fact]
    public void FromRawData_LengthNotWholeElements_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(
            () => SafetensorsTensor.FromRawData("x", SafetensorsDType.F32, [1], new byte[5]));
    }

    [Fact]
    public void FromRawData_CopiesTheData()
    {
        byte[] data = [1, 2, 3];

        var tensor = SafetensorsTensor.FromRawData("x", SafetensorsDType.U8, [3], data);
        data[0] = 9;

        Assert.Equal([1, 2, 3], tensor.Data.ToArray());
    }
}
