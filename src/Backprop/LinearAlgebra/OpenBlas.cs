using System.Numerics;
using System.Runtime.InteropServices;

namespace Backprop.LinearAlgebra;

/// <summary>
/// OpenBLAS's single and double precision matrix products, found at run time; absent when
/// the library is not installed (Debian: <c>libopenblas0-pthread</c>).
/// </summary>
/// <remarks>
/// The library is looked up by the system's loader, so <c>LD_LIBRARY_PATH</c> can point at
/// an unpacked copy. Its thread count follows <see cref="Gemm.MaxThreads"/>.
/// </remarks>
internal static class OpenBlas
{
    private const int RowMajor = 101;
    private const int NoTranspose = 111;
    private const int Transpose = 112;

    private static readonly string[] Names =
        ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "libopenblas.dll"];

    private static readonly Lazy<Functions?> Loaded = new(Load);

    private static int threadsSet;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void Sgemm(
        int order,
        int transA,
        int transB,
        int m,
        int n,
        int k,
        float alpha,
        ref float a,
        int lda,
        ref float b,
        int ldb,
        float beta,
        ref float c,
        int ldc);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void Dgemm(
        int order,
        int transA,
        int transB,
        int m,
        int n,
        int k,
        double alpha,
        ref double a,
        int lda,
        ref double b,
        int ldb,
        double beta,
        ref double c,
        int ldc);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetThreads(int threads);

    /// <summary>Gets whether the library and both products were found.</summary>
    public static bool IsAvailable => Loaded.Value is not null;

    /// <summary>Computes one product with OpenBLAS, when it is loaded and supports T.</summary>
    /// <returns>False when OpenBLAS cannot compute it; C is then untouched.</returns>
    public static bool TryRun<T>(
        GemmProduct product,
        ReadOnlySpan<T> A,
        ReadOnlySpan<T> B,
        Span<T> C,
        int m,
        int k,
        int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var functions = Loaded.Value;
        var supported = typeof(T) == typeof(float) || typeof(T) == typeof(double);
        if (functions is null || !supported || m == 0 || n == 0 || k == 0)
        {
            return false;
        }

        SyncThreads(functions);
        var transA = product == GemmProduct.TransposedA ? Transpose : NoTranspose;
        var transB = product == GemmProduct.TransposedB ? Transpose : NoTranspose;
        var lda = product == GemmProduct.TransposedA ? m : k;
        var ldb = product == GemmProduct.TransposedB ? k : n;
        if (typeof(T) == typeof(float))
        {
            functions.Single(
                RowMajor, transA, transB, m, n, k, 1f,
                ref MemoryMarshal.GetReference(MemoryMarshal.Cast<T, float>(A)), lda,
                ref MemoryMarshal.GetReference(MemoryMarshal.Cast<T, float>(B)), ldb, 0f,
                ref MemoryMarshal.GetReference(MemoryMarshal.Cast<T, float>(C)), n);
        }
        else
        {
            functions.Double(
                RowMajor, transA, transB, m, n, k, 1d,
                ref MemoryMarshal.GetReference(MemoryMarshal.Cast<T, double>(A)), lda,
                ref MemoryMarshal.GetReference(MemoryMarshal.Cast<T, double>(B)), ldb, 0d,
                ref MemoryMarshal.GetReference(MemoryMarshal.Cast<T, double>(C)), n);
        }

        return true;
    }

    private static void SyncThreads(Functions functions)
    {
        var threads = Math.Max(1, Gemm.MaxThreads);
        if (functions.Threads is not null && threads != Volatile.Read(ref threadsSet))
        {
            functions.Threads(threads);
            Volatile.Write(ref threadsSet, threads);
        }
    }

    private static Functions? Load()
    {
        foreach (var name in Names)
        {
            if (!NativeLibrary.TryLoad(name, out var handle))
            {
                continue;
            }

            if (NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var s)
                && NativeLibrary.TryGetExport(handle, "cblas_dgemm", out var d))
            {
                var threads = NativeLibrary.TryGetExport(
                    handle, "openblas_set_num_threads", out var t)
                    ? Marshal.GetDelegateForFunctionPointer<SetThreads>(t)
                    : null;
                return new Functions(
                    Marshal.GetDelegateForFunctionPointer<Sgemm>(s),
                    Marshal.GetDelegateForFunctionPointer<Dgemm>(d),
                    threads);
            }

            NativeLibrary.Free(handle);
        }

        return null;
    }

    private sealed record Functions(Sgemm Single, Dgemm Double, SetThreads? Threads);
}
