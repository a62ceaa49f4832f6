using System.Numerics;
using System.Numerics.Tensors;
using Backprop.LinearAlgebra;

namespace Backprop.Training;

/// <content>
/// The fast engine's dense-layer passes: Z = A_prev Wᵀ + b forward, and back dW-block =
/// dZᵀ A_prev, db = Σₙ dZ, dA_prev = dZ W-block, each product over the whole batch.
/// </content>
public sealed partial class FastNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private void DenseForward(int layer, int batch)
    {
        // Z = A_prev Wᵀ + b, the batch as rows.
        var n = units[layer];
        var aPrev = layer == 0 ? x : a[layer - 1];
        var W = Theta.AsMemory(weightOffsets[layer], n * inputs[layer]);
        var shape = (batch, inputs[layer], n);
        Gemm.Compute<T>(GemmProduct.TransposedB, aPrev, W, z[layer], shape, SerialProducts);
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
