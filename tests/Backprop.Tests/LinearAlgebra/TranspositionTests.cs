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

    // A block inside a larger matrix into a block of another (the trainer's sample columns and
    // unit ranges): every entry of the block lands mirrored, and nothing outside it changes.
    [Theory]
    [InlineData(32, 784, 9, 13)]
    [InlineData(17, 11, 3, 5)]
    [InlineData(8, 8, 0, 0)]
    public void Transpose_Block_WritesOnlyTheMirroredBlock(
        int rows, int columns, int rowOffset, int columnOffset)
    {
        var rng = new Random(rows + columns);
        var sourceStride = columns + 7;
        var destinationStride = rows + 21;
        var source = Enumerable.Range(0, (rows + 2) * sourceStride)
            .Select(_ => (float)rng.NextDouble()).ToArray();
        var destination = Enumerable.Repeat(-1f, (columns + columnOffset) * destinationStride)
            .ToArray();

        Transposition.Transpose<float>(
            source.AsSpan(sourceStride + 3),
            sourceStride,
            rows,
            columns,
            destination.AsSpan((columnOffset * destinationStride) + rowOffset),
            destinationStride);

        for (var j = 0; j < columns + columnOffset; j++)
        {
            for (var i = 0; i < destinationStride; i++)
            {
                var (r, c) = (i - rowOffset, j - columnOffset);
                var expected = r >= 0 && r < rows && c >= 0 && c < columns
                    ? source[((r + 1) * sourceStride) + 3 + c]
                    : -1f;
                Assert.Equal(expected, destination[(j * destinationStride) + i]);
            }
        }
    }

    [Fact]
    public void Transpose_ShortDestination_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Transposition.Transpose<float>(new float[6], 2, 3, new float[5]));
    }
}
