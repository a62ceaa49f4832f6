namespace Backprop.LinearAlgebra;

/// <summary>A dense matrix of doubles stored row by row.</summary>
/// <remarks>
/// Storage is row-major (entry (i, j) at <c>i · Columns + j</c>); the paper's Vec stacks
/// columns, so <see cref="Vec"/> converts explicitly where θ order is needed.
/// </remarks>
public sealed class Matrix
{
    /// <summary>Initializes a zero matrix.</summary>
    /// <param name="rows">Number of rows, at least 0.</param>
    /// <param name="columns">Number of columns, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    public Matrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Rows = rows;
        Columns = columns;
        Data = new double[(long)rows * columns];
    }

    /// <summary>Initializes a matrix over existing row-major data.</summary>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <param name="data">Row-major entries, length rows × columns; not copied.</param>
    /// <exception cref="ArgumentException">The length does not match the shape.</exception>
    public Matrix(int rows, int columns, double[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != (long)rows * columns)
        {
            throw new ArgumentException(
                $"A {rows} × {columns} matrix needs {(long)rows * columns} entries, "
                + $"got {data.Length}.",
                nameof(data));
        }

        Rows = rows;
        Columns = columns;
        Data = data;
    }

    /// <summary>Gets the number of rows.</summary>
    public int Rows { get; }

    /// <summary>Gets the number of columns.</summary>
    public int Columns { get; }

    /// <summary>Gets the row-major entries.</summary>
    public double[] Data { get; }

    /// <summary>Gets or sets entry (i, j).</summary>
    /// <param name="i">Row index.</param>
    /// <param name="j">Column index.</param>
    public double this[int i, int j]
    {
        get => Data[((long)i * Columns) + j];
        set => Data[((long)i * Columns) + j] = value;
    }

    /// <summary>Returns the identity matrix of size n.</summary>
    /// <param name="n">The size.</param>
    /// <returns>I_n.</returns>
    public static Matrix Identity(int n)
    {
        var I = new Matrix(n, n);
        for (var i = 0; i < n; i++)
        {
            I[i, i] = 1.0;
        }

        return I;
    }

    /// <summary>Returns one row as a span.</summary>
    /// <param name="i">Row index.</param>
    /// <returns>The row's entries.</returns>
    public Span<double> Row(int i) => Data.AsSpan(i * Columns, Columns);

    /// <summary>Returns the transpose.</summary>
    /// <returns>A new matrix with rows and columns exchanged.</returns>
    public Matrix Transpose()
    {
        var t = new Matrix(Columns, Rows);
        for (var i = 0; i < Rows; i++)
        {
            for (var j = 0; j < Columns; j++)
            {
                t[j, i] = this[i, j];
            }
        }

        return t;
    }

    /// <summary>Computes the product this · other.</summary>
    /// <param name="other">The right factor; its rows must equal this matrix's columns.</param>
    /// <returns>The product, Rows × other.Columns.</returns>
    /// <exception cref="ArgumentException">The inner dimensions differ.</exception>
    public Matrix Multiply(Matrix other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Rows != Columns)
        {
            throw new ArgumentException(
                $"Cannot multiply {Rows} × {Columns} by {other.Rows} × {other.Columns}.",
                nameof(other));
        }

        var c = new Matrix(Rows, other.Columns);
        Gemm.Multiply<double>(Data, other.Data, c.Data, Rows, Columns, other.Columns);
        return c;
    }

    /// <summary>Computes the matrix–vector product this · v.</summary>
    /// <param name="v">A vector of length Columns.</param>
    /// <returns>A vector of length Rows.</returns>
    /// <exception cref="ArgumentException">The length of v differs from Columns.</exception>
    public double[] Multiply(ReadOnlySpan<double> v)
    {
        if (v.Length != Columns)
        {
            throw new ArgumentException(
                $"Cannot multiply {Rows} × {Columns} by a vector of length {v.Length}.",
                nameof(v));
        }

        var result = new double[Rows];
        for (var i = 0; i < Rows; i++)
        {
            result[i] = Gemm.Dot<double>(Row(i), v);
        }

        return result;
    }

    /// <summary>Computes the transposed product thisᵀ · v.</summary>
    /// <param name="v">A vector of length Rows.</param>
    /// <returns>A vector of length Columns.</returns>
    /// <exception cref="ArgumentException">The length of v differs from Rows.</exception>
    public double[] TransposeMultiply(ReadOnlySpan<double> v)
    {
        if (v.Length != Rows)
        {
            throw new ArgumentException(
                $"Cannot multiply the transpose of {Rows} × {Columns} by a vector of length "
                + $"{v.Length}.",
                nameof(v));
        }

        var result = new double[Columns];
        for (var i = 0; i < Rows; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(Row(i), v[i], result, result);
        }

        return result;
    }
}
