namespace Backprop.Data;

/// <summary>The element type an IDX file declares in the third byte of its magic number.</summary>
public enum IdxElementType
{
    /// <summary>Unsigned byte (0x08); MNIST images and labels use it.</summary>
    UnsignedByte = 0x08,

    /// <summary>Signed byte (0x09).</summary>
    SignedByte = 0x09,

    /// <summary>Big-endian 16-bit integer (0x0B).</summary>
    Int16BigEndian = 0x0B,

    /// <summary>Big-endian 32-bit integer (0x0C).</summary>
    Int32BigEndian = 0x0C,

    /// <summary>Big-endian 32-bit float (0x0D).</summary>
    SingleBigEndian = 0x0D,

    /// <summary>Big-endian 64-bit float (0x0E).</summary>
    DoubleBigEndian = 0x0E,
}
