using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.LinearAlgebra;

/// <summary>Vector helpers for the matrix kernels, specialised for float and double.</summary>
/// <remarks>
/// The type tests fold away when the JIT compiles a kernel for a concrete T. Every lane is a
/// fused multiply-add, the same operation as the scalar <see cref="FusedMultiplyAdd"/>, so an
/// entry of C gets the same bits whether a vector or a scalar path computed it.
/// </remarks>
internal static class SimdOps
{
    /// <summary>Gets whether the vector kernels support T.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <returns>True for float and double.</returns>
    public static bool Supports<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>Computes a · b + c lane by lane with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle())
                .As<float, T>();
        }

        return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble())
            .As<double, T>();
    }

    /// <summary>Computes a · b + c lane by lane with one rounding, on 512-bit vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle())
                .As<float, T>();
        }

        return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble())
            .As<double, T>();
    }

    /// <summary>Computes a · b + c with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FusedMultiplyAdd<T>(T a, T b, T c)
        where T : unmanaged, IFloatingPointIeee754<T> => T.FusedMultiplyAdd(a, b, c);
}
