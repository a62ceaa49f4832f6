using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Backprop.LinearAlgebra;

namespace Backprop.Training;

/// <content>
/// The fast engine's dense-layer passes: Z = A_prev Wᵀ + b forward, and back dW-block =
/// dZᵀ A_prev, db = Σₙ dZ, dA_prev = dZ W-block, each product over the whole batch.
/// </content>
public sealed partial class FastNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // From this many samples a dense layer's forward product is computed transposed.
    private static readonly int TransposedForwardBatch = 2 * Vector256<T>.Count;

    private void DenseForward(int layer, int batch, bool transposed)
    {
        // Z = A_prev Wᵀ + b, the batch as rows.
        var n = units[layer];
        var m = inputs[layer];
        var aPrev = layer == 0 ? x : a[layer - 1];
        var W = Theta.AsMemory(weightOffsets[layer], n * m);
        if (transposed)
        {
            // Zᵀ = W-block · A_prevᵀ: with the batch as columns the broadcast kernels run at
            // full width; the two transpositions cost far less than the product gains.
            Transposition.Transpose<T>(aPrev, batch, m, transposedInput);
            var shape = (n, m, batch);
            Gemm.Compute<T>(
                GemmProduct.Plain, W, transposedInput, transposedOutput, shape, SerialProducts);
            Transposition.Transpose<T>(transposedOutput, n, batch, z[layer]);
        }
        else
        {
            var shape = (batch, m, n);
            Gemm.Compute<T>(GemmProduct.TransposedB, aPrev, W, z[layer], shape, SerialProducts);
        }

        var b = Theta.AsSpan(weightOffsets[layer] + (n * inputs[layer]), n);
        for (var row = 0; row < batch; row++)
        {
            var zRow = z[layer].AsSpan(row * n, n);
            TensorPrimitives.Add(zRow, b, zRow);
        }
    }

    private void DenseBackward(int layer, int batch, T[] target)
    {
        // dW-block = dZᵀ A_prev, db = Σₙ dZ, dA_prev = dZ W-block.
        if (layer == 0 && SkipFirstLayerGradient)
        {
            return;
        }

        var n = units[layer];
        var m = inputs[layer];
        var aPrev = layer == 0 ? x : a[layer - 1];
        var dW = Gradient.AsMemory(weightOffsets[layer], n * m);
        var serial = SerialProducts;
        Gemm.Compute<T>(GemmProduct.TransposedA, dz[layer], aPrev, dW, (n, batch, m), serial);
        var db = Gradient.AsSpan(weightOffsets[layer] + (n * m), n);
        db.Clear();
        for (var row = 0; row < batch; row++)
        {
            TensorPrimitives.Add(db, dz[layer].AsSpan(row * n, n), db);
        }

        if (layer > 0)
        {
            var W = Theta.AsMemory(weightOffsets[layer], n * m);
            Gemm.Compute<T>(GemmProduct.Plain, dz[layer], W, target, (batch, n, m), serial);
        }
    }
}
