using Backprop.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

public class TranspositionTests
{
    public static TheoryData<int, int> Shapes() => new()
    {
        { 0, 0 },
        { 0, 5 },
        { 3, 0 },
        { 1, 1 },
        { 1, 9 },
        { 9, 1 },
        { 8, 8 },
        { 7, 9 },
        { 16, 24 },
        { 17, 33 },
        { 32, 784 },
        { 300, 32 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Transpose_Float_PutsEveryEntryAtItsMirroredPlace(int rows, int columns)
    {
        var source = Enumerable.Range(0, rows * columns).Select(i => i + 0.5f).ToArray();
        // One spare entry at the end, which must stay untouched.
        var destination = Enumerable.Repeat(-1f, (rows * columns) + 1).ToArray();

        Transposition.Transpose<float>(source, rows, columns, destination);

        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                Assert.Equal(source[(i * columns) + j], destination[(j * rows) + i]);
            }
        }

        Assert.Equal(-1f, destination[^1]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Transpose_Double_PutsEveryEntryAtItsMirroredPlace(int rows, int columns)
    {
        var source = Enumerable.Range(0, rows * columns).Select(i => i * 0.25).ToArray();
        var destination = new double[rows * columns];

        Transposition.Transpose<double>(source, rows, columns, destination);

        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                Assert.Equal(source[(i * columns) + j], destination[(j * rows) + i]);
            }
        }
    }

    [Fact]
    public void Transpose_Twice_GivesBackTheMatrixBitForBit()
    {
        var rng = new Random(3);
        var source = Enumerable.Range(0, 45 * 37).Select(_ => (float)rng.NextDouble()).ToArray();
        var once = new float[source.Length];
        var twice = new float[source.Length];

        Transposition.Transpose<float>(source, 45, 37, once);
        Transposition.Transpose<float>(once, 37, 45, twice);

        Assert.Equal(source, twice);
    }

    [Fact]
    public void Transpose_ShortDestination_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Transposition.Transpose<float>(new float[6], 2, 3, new float[5]));
    }
}
