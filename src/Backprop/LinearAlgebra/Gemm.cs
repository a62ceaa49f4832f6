using System.Numerics;
using System.Runtime.InteropServices;

namespace Backprop.LinearAlgebra;

/// <summary>Row-major matrix products for the fast engine: C = A·B, A·Bᵀ and Aᵀ·B.</summary>
/// <remarks>
/// The managed kernels keep a block of C in vector registers and sum every entry in one fixed
/// order (<see cref="BroadcastKernels"/>, <see cref="DotKernels"/>), so results depend neither
/// on the thread count nor on where the arrays lie in memory. Large products split C into
/// blocks of whole tiles over at most <see cref="MaxThreads"/> threads; small ones run on the
/// calling thread and allocate nothing.
/// <para>
/// OpenBLAS is used instead when <see cref="Backend"/> is <see cref="GemmBackend.OpenBlas"/>
/// (opt-in, or <c>BACKPROP_GEMM=openblas</c>): about as fast on the large training products
/// and faster on narrow ones, but it splits some products by thread count, so its results
/// may change in the last bits when the thread count changes, and training is then
/// reproducible only at a fixed thread count (see docs/performance.md).
/// <c>BACKPROP_GEMM=managed</c> or no variable keeps the managed kernels.
/// </para>
/// </remarks>
public static class Gemm
{
    // Multiply-adds below which a product stays on one thread: under a microsecond of
    // arithmetic, but a one-sample product streams its whole weight matrix through memory, and
    // the worker team hands out a job in about a microsecond (a 1-sample LeNet-300-100
    // gradient: 38 µs on one thread, 29 µs on two).
    private const long ParallelThreshold = 1 << 15;

    private const int ChunksPerThread = 2;

    /// <summary>The environment variable that picks the backend: managed or openblas.</summary>
    public const string BackendVariable = "BACKPROP_GEMM";

    private static GemmBackend backend = InitialBackend();

    /// <summary>Gets or sets the largest number of threads a product may use.</summary>
    public static int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Gets whether OpenBLAS is found on this machine (loading it on first use).</summary>
    public static bool OpenBlasAvailable => OpenBlas.IsAvailable;

    /// <summary>Gets or sets the code that computes float and double products.</summary>
    /// <remarks>
    /// Starts as <see cref="GemmBackend.Managed"/>, or as <see cref="GemmBackend.OpenBlas"/>
    /// when <c>BACKPROP_GEMM=openblas</c> and the library is found.
    /// </remarks>
    /// <exception cref="NotSupportedException">OpenBLAS is asked for but not installed.
    /// </exception>
    public static GemmBackend Backend
    {
        get => backend;
        set
        {
            if (value == GemmBackend.OpenBlas && !OpenBlas.IsAvailable)
            {
                throw new NotSupportedException(
                    "OpenBLAS (libopenblas.so.0) was not found; install libopenblas0-pthread "
                    + "or keep the managed backend.");
            }

            backend = value;
        }
    }

    /// <summary>Computes C = A · B (A is m × k, B is k × n, C is m × n), overwriting C.</summary>
    /// <param name="A">Left factor, row-major m × k.</param>
    /// <param name="B">Right factor, row-major k × n.</param>
    /// <param name="C">Destination, row-major m × n.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <typeparam name="T">float or double.</typeparam>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">An operand is shorter than its shape.</exception>
    public static void Multiply<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Run(GemmProduct.Plain, A, B, C, m, k, n);
    }

    /// <summary>Computes C = A · Bᵀ (A is m × k, B is n × k, C is m × n), overwriting C.</summary>
    /// <param name="A">Left factor, row-major m × k.</param>
    /// <param name="B">Right factor before transposition, row-major n × k.</param>
    /// <param name="C">Destination, row-major m × n.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A and of B.</param>
    /// <param name="n">Rows of B, columns of C.</param>
    /// <typeparam name="T">float or double.</typeparam>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">An operand is shorter than its shape.</exception>
    public static void MultiplyTransposedB<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Run(GemmProduct.TransposedB, A, B, C, m, k, n);
    }

    /// <summary>Computes C = Aᵀ · B (A is k × m, B is k × n, C is m × n), overwriting C.</summary>
    /// <param name="A">Left factor before transposition, row-major k × m.</param>
    /// <param name="B">Right factor, row-major k × n.</param>
    /// <param name="C">Destination, row-major m × n.</param>
    /// <param name="m">Columns of A, rows of C.</param>
    /// <param name="k">Rows of A and of B.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <typeparam name="T">float or double.</typeparam>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">An operand is shorter than its shape.</exception>
    public static void MultiplyTransposedA<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Run(GemmProduct.TransposedA, A, B, C, m, k, n);
    }

    /// <summary>Computes C = A · B on the calling thread (see <see cref="Multiply{T}"/>).
    /// </summary>
    /// <remarks>For callers that already run one product per thread, such as the per-sample
    /// products of a convolution layer.</remarks>
    internal static void MultiplySerial<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RunSerial(GemmProduct.Plain, A, B, C, m, k, n);

    /// <summary>Computes C = A · Bᵀ on the calling thread.</summary>
    internal static void MultiplyTransposedBSerial<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RunSerial(GemmProduct.TransposedB, A, B, C, m, k, n);

    /// <summary>Computes C = Aᵀ · B on the calling thread.</summary>
    internal static void MultiplyTransposedASerial<T>(
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RunSerial(GemmProduct.TransposedA, A, B, C, m, k, n);

    /// <summary>Computes one of the three products, on the calling thread when asked.</summary>
    /// <param name="product">Which product: A·B, A·Bᵀ or Aᵀ·B.</param>
    /// <param name="A">Left factor, row-major.</param>
    /// <param name="B">Right factor, row-major.</param>
    /// <param name="C">Destination, row-major m × n.</param>
    /// <param name="shape">(m, k, n) as in the public methods.</param>
    /// <param name="serial">True to stay on the calling thread.</param>
    internal static void Compute<T>(
        GemmProduct product,
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        (int M, int K, int N) shape,
        bool serial)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (serial)
        {
            RunSerial(product, A, B, C, shape.M, shape.K, shape.N);
        }
        else
        {
            Run(product, A, B, C, shape.M, shape.K, shape.N);
        }
    }

    /// <summary>A dot product whose summation order depends only on the length.</summary>
    /// <remarks>
    /// The vector loop always starts at element 0 with two accumulators, so the result does
    /// not depend on where the arrays happen to lie in memory; a library dot product that
    /// aligns its loads first would make training differ from run to run.
    /// </remarks>
    internal static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var va = MemoryMarshal.Cast<T, Vector<T>>(a);
        var vb = MemoryMarshal.Cast<T, Vector<T>>(b.Slice(0, a.Length));
        var s0 = Vector<T>.Zero;
        var s1 = Vector<T>.Zero;
        var v = 0;
        for (; v + 1 < va.Length; v += 2)
        {
            s0 += va[v] * vb[v];
            s1 += va[v + 1] * vb[v + 1];
        }

        if (v < va.Length)
        {
            s0 += va[v] * vb[v];
        }

        var sum = Vector.Sum(s0 + s1);
        for (var i = va.Length * Vector<T>.Count; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    // Looks for OpenBLAS only when asked to, so a process that does not want it never loads it
    // (loading starts its thread pool).
    private static GemmBackend InitialBackend()
    {
        var value = Environment.GetEnvironmentVariable(BackendVariable);
        return string.Equals(value, "openblas", StringComparison.OrdinalIgnoreCase)
            ? ParseBackend(value, OpenBlas.IsAvailable)
            : GemmBackend.Managed;
    }

    /// <summary>Reads the backend variable: OpenBLAS only when asked for and present.</summary>
    internal static GemmBackend ParseBackend(string? value, bool openBlasAvailable) =>
        openBlasAvailable && string.Equals(value, "openblas", StringComparison.OrdinalIgnoreCase)
            ? GemmBackend.OpenBlas
            : GemmBackend.Managed;

    private static void Run<T>(
        GemmProduct product,
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(A.Length, B.Length, C.Length, m, k, n);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (backend == GemmBackend.OpenBlas
            && OpenBlas.TryRun(product, A.Span, B.Span, C.Span, m, k, n))
        {
            return;
        }

        var threads = MaxThreads;
        if (threads > 1 && (long)m * k * n >= ParallelThreshold)
        {
            // Split the longer side of C into whole tiles: 16 columns or 8 rows.
            var byColumns = n / 16 >= m / 8;
            var unit = byColumns ? 16 : 8;
            // A few chunks per thread, so a thread that another process slows down does less.
            var chunks = Math.Min(ChunksPerThread * threads, (byColumns ? n : m) / unit);
            if (chunks > 1)
            {
                var split = (chunks, Math.Min(threads, chunks), unit, byColumns);
                GemmJob<T>.Run(product, A, B, C, (m, k, n), split);
                return;
            }
        }

        ManagedGemm.Block(product, A.Span, B.Span, C.Span, m, k, n, (0, m), (0, n));
    }

    private static void RunSerial<T>(
        GemmProduct product,
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The managed kernels only: their result does not depend on the thread count.
        Validate(A.Length, B.Length, C.Length, m, k, n);
        if (m != 0 && n != 0)
        {
            ManagedGemm.Block(product, A.Span, B.Span, C.Span, m, k, n, (0, m), (0, n));
        }
    }

    private static void Validate(int aLength, int bLength, int cLength, int m, int k, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        Check(aLength, (long)m * k, "A");
        Check(bLength, (long)k * n, "B");
        Check(cLength, (long)m * n, "C");
    }

    private static void Check(int length, long needed, string name)
    {
        if (length < needed)
        {
            throw new ArgumentException(
                $"{name} has length {length}; the product's shape needs {needed}.", name);
        }
    }
}
