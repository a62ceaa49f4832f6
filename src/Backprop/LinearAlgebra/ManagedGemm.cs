using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.LinearAlgebra;

/// <summary>Runs one block of a product on the calling thread with the managed kernels.</summary>
internal static class ManagedGemm
{
    /// <summary>Computes the block rows [i0, i1) × columns [j0, j1) of C.</summary>
    public static void Block<T>(
        GemmProduct product,
        ReadOnlySpan<T> A,
        ReadOnlySpan<T> B,
        Span<T> C,
        int m,
        int k,
        int n,
        (int From, int To) rows,
        (int From, int To) columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!SimdOps.Supports<T>())
        {
            Naive(product, A, B, C, m, k, n, rows, columns);
            return;
        }

        ref var a = ref MemoryMarshal.GetReference(A);
        ref var b = ref MemoryMarshal.GetReference(B);
        ref var c = ref MemoryMarshal.GetReference(C);
        switch (product)
        {
            case GemmProduct.Plain:
                BroadcastKernels.Run(
                    ref a, k, 1, ref b, ref c, k, n, rows.From, rows.To, columns.From, columns.To);
                break;
            case GemmProduct.TransposedA:
                BroadcastKernels.Run(
                    ref a, 1, m, ref b, ref c, k, n, rows.From, rows.To, columns.From, columns.To);
                break;
            default:
                DotKernels.Run(
                    ref a, ref b, ref c, k, n, rows.From, rows.To, columns.From, columns.To);
                break;
        }
    }

    /// <summary>Computes row i of C = Aᵀ · B (A is k × m, B is k × n) for a short k.</summary>
    /// <remarks>For a few samples' weight gradient, where k is the number of samples: one pass
    /// over the row, with the bits <see cref="Block{T}"/> gives it.</remarks>
    public static void TransposedARow<T>(
        ReadOnlySpan<T> A,
        ReadOnlySpan<T> B,
        Span<T> C,
        int m,
        int k,
        int n,
        int i)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!SimdOps.Supports<T>() || k == 0)
        {
            Naive(GemmProduct.TransposedA, A, B, C, m, k, n, (i, i + 1), (0, n));
            return;
        }

        BroadcastKernels.StreamRow(
            ref Unsafe.AsRef(in A[i]),
            m,
            ref MemoryMarshal.GetReference(B),
            ref C[i * n],
            k,
            n);
    }

    // Types without vector kernels (Half, NFloat): the same per-entry order, one entry at a time.
    private static void Naive<T>(
        GemmProduct product,
        ReadOnlySpan<T> A,
        ReadOnlySpan<T> B,
        Span<T> C,
        int m,
        int k,
        int n,
        (int From, int To) rows,
        (int From, int To) columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = rows.From; i < rows.To; i++)
        {
            for (var j = columns.From; j < columns.To; j++)
            {
                var s = T.Zero;
                for (var p = 0; p < k; p++)
                {
                    var aip = product == GemmProduct.TransposedA ? A[(p * m) + i] : A[(i * k) + p];
                    var bpj = product == GemmProduct.TransposedB ? B[(j * k) + p] : B[(p * n) + j];
                    s = T.FusedMultiplyAdd(aip, bpj, s);
                }

                C[(i * n) + j] = s;
            }
        }
    }
}
