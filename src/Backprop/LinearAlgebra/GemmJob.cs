using System.Numerics;
using Backprop.Threading;

namespace Backprop.LinearAlgebra;

/// <summary>One product split into blocks of C that threads compute independently.</summary>
/// <remarks>
/// Each calling thread keeps one job per element type and reuses it, so a parallel product
/// allocates no closure; the caller waits for the blocks, so its job is never shared.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class GemmJob<T> : IIndexedWork
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [ThreadStatic]
    private static GemmJob<T>? reused;

    private GemmProduct product;
    private ReadOnlyMemory<T> A;
    private ReadOnlyMemory<T> B;
    private Memory<T> C;
    private int m;
    private int k;
    private int n;
    private int chunks;
    private int unit;
    private bool byColumns;

    /// <summary>Computes C with its rows or columns split into chunks of whole units.</summary>
    /// <remarks>The split is the number of chunks, the threads that take them, the unit
    /// (tile width) and whether columns rather than rows are split.</remarks>
    public static void Run(
        GemmProduct product,
        ReadOnlyMemory<T> A,
        ReadOnlyMemory<T> B,
        Memory<T> C,
        (int M, int K, int N) shape,
        (int Chunks, int Threads, int Unit, bool ByColumns) split)
    {
        var job = reused ??= new GemmJob<T>();
        job.product = product;
        job.A = A;
        job.B = B;
        job.C = C;
        (job.m, job.k, job.n) = shape;
        job.chunks = split.Chunks;
        job.unit = split.Unit;
        job.byColumns = split.ByColumns;
        try
        {
            WorkerTeam.Shared.Run(job, split.Chunks, split.Threads);
        }
        finally
        {
            job.A = default;
            job.B = default;
            job.C = default;
        }
    }

    /// <summary>Gets where chunk c starts: whole units; the last chunk ends at size.</summary>
    public static int Boundary(int c, int chunks, int size, int unit)
    {
        if (c >= chunks)
        {
            return size;
        }

        var units = size / unit;
        return (int)((long)c * units / chunks) * unit;
    }

    /// <summary>Computes one chunk of C.</summary>
    /// <param name="item">The chunk.</param>
    public void Execute(int item)
    {
        var chunk = item;
        var size = byColumns ? n : m;
        var from = Boundary(chunk, chunks, size, unit);
        var range = (from, Boundary(chunk + 1, chunks, size, unit));
        var rows = byColumns ? (0, m) : range;
        var columns = byColumns ? range : (0, n);
        ManagedGemm.Block(product, A.Span, B.Span, C.Span, m, k, n, rows, columns);
    }
}
