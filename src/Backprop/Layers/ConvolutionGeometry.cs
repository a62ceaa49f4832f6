using Backprop.Networks;

namespace Backprop.Layers;

/// <summary>
/// The sizes of one convolution or pooling window sweep over an image [C, H, W].
/// </summary>
/// <remarks>
/// Output position (r, s) reads input rows r·strideRows + p − paddingRows and columns
/// s·strideColumns + q − paddingColumns for kernel offsets (p, q); positions outside the
/// input are the zero padding. Each axis has floor((n + 2p − k) / s) + 1 outputs.
/// </remarks>
/// <param name="Channels">Input channels C.</param>
/// <param name="InputRows">Input height H.</param>
/// <param name="InputColumns">Input width W.</param>
/// <param name="Kernel">Kernel (or pooling window) size.</param>
/// <param name="Stride">Step between output positions.</param>
/// <param name="Padding">Zeros added on each side.</param>
public readonly record struct ConvolutionGeometry(
    int Channels,
    int InputRows,
    int InputColumns,
    Size2d Kernel,
    Size2d Stride,
    Size2d Padding)
{
    /// <summary>Gets the output height.</summary>
    public int OutputRows =>
        ((InputRows + (2 * Padding.Rows) - Kernel.Rows) / Stride.Rows) + 1;

    /// <summary>Gets the output width.</summary>
    public int OutputColumns =>
        ((InputColumns + (2 * Padding.Columns) - Kernel.Columns) / Stride.Columns) + 1;

    /// <summary>Gets the number of output positions per channel.</summary>
    public int OutputArea => OutputRows * OutputColumns;

    /// <summary>Gets the number of input values per sample, C · H · W.</summary>
    public int InputSize => Channels * InputRows * InputColumns;

    /// <summary>Gets the length of one patch, C · kernel rows · kernel columns.</summary>
    public int PatchSize => Channels * Kernel.Area;

    /// <summary>Builds the geometry of a convolution layer over an input shape.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="inputShape">[channels, height, width].</param>
    /// <returns>The geometry.</returns>
    public static ConvolutionGeometry Of(
        Conv2dLayerDescription layer,
        IReadOnlyList<int> inputShape)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(inputShape);
        return new(
            inputShape[0], inputShape[1], inputShape[2], layer.Kernel, layer.Stride, layer.Padding);
    }

    /// <summary>Builds the geometry of a max-pooling layer over an input shape.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="inputShape">[channels, height, width].</param>
    /// <returns>The geometry, with no padding.</returns>
    public static ConvolutionGeometry Of(
        MaxPool2dLayerDescription layer,
        IReadOnlyList<int> inputShape)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(inputShape);
        return new(
            inputShape[0], inputShape[1], inputShape[2], layer.Size, layer.Stride, default);
    }
}
