using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;

namespace Backprop.Tests.TestSupport;

/// <summary>Mutations of valid files and the check every fuzzed reader must pass.</summary>
/// <remarks>
/// <para>
/// Each property starts from a valid file and applies one to four mutations: byte writes and
/// bit flips, truncation, inserted random bytes, deleted ranges, spliced (duplicated)
/// ranges, a range replaced by a hostile token (NaN, 1e400, deep brackets, quotes, BOM…), a
/// token repeated up to 2,000 times, and header integers set to boundary values.
/// </para>
/// <para>
/// The number of inputs per property is <see cref="IterationsVariable"/> when set (the long
/// local session), else the small default each property gives (CI).
/// </para>
/// </remarks>
internal static class Fuzz
{
    /// <summary>The environment variable giving the number of inputs per property.</summary>
    public const string IterationsVariable = "BACKPROP_FUZZ_ITERATIONS";

    // A hang or a pathological slowdown, not a speed target: valid inputs take milliseconds.
    private static readonly TimeSpan SlowCall = TimeSpan.FromSeconds(10);

    // The files are at most a few kB; no header may make a reader allocate what it claims.
    private const long MaxAllocatedBytes = 64L << 20;

    private static readonly string[] Tokens =
    [
        "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "-1", "0", "-0", "1.5",
        "2147483647", "2147483648", "4294967296", "9223372036854775808",
        "99999999999999999999999999999999", "\"x\"", "\"\"", "null", "true", "[", "]", "{",
        "}", ",", ":", "\"", "\\", "\\u0000", "\0", "\uFEFF", "\r\n", "\n", " ", "\t", "[[[[[[[[",
        "]]]]", "{\"a\":", "\"data\"", "\"network\"", "\"W1\"", "\"b1\"", "\"shape\"",
        "\"dtype\"", "\"data_offsets\"", "\"__metadata__\"", "\"F32\"", "\"F64\"", "\"I64\"",
        "\"U8\"", "\"conv2d\"", "\"maxpool2d\"", "\"dense\"", "\"flatten\"", "\"softmax\"",
        "\"padding\"", "\"kernel\"", "\"units\"", "65536", "16777217", "\xFF\xFE", "é", ",,",
    ];

    private static readonly long[] Boundaries =
    [
        0, 1, 2, 3, 7, 8, 255, 256, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000,
        0xFFFFFFFF, 0x100000000, long.MaxValue, long.MinValue, -1,
    ];

    /// <summary>Gets the number of inputs per property: the variable, or the CI default.
    /// </summary>
    /// <param name="ciDefault">The default, sized so all properties run in seconds.</param>
    /// <returns>The iteration count.</returns>
    public static long Iterations(long ciDefault)
    {
        var text = Environment.GetEnvironmentVariable(IterationsVariable);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n > 0
                ? n
                : ciDefault;
    }

    /// <summary>Mutations of a valid file, integers at the given offsets 32-bit big-endian.
    /// </summary>
    public static Gen<byte[]> MutationsBigEndian32(byte[] valid, params int[] integerOffsets) =>
        Mutations(valid, integerOffsets, 4, bigEndian: true);

    /// <summary>Mutations of a valid file, integers at the given offsets 64-bit
    /// little-endian.</summary>
    public static Gen<byte[]> MutationsLittleEndian64(byte[] valid, params int[] integerOffsets) =>
        Mutations(valid, integerOffsets, 8, bigEndian: false);

    /// <summary>Mutations of a valid text file.</summary>
    public static Gen<byte[]> Mutations(byte[] valid) => Mutations(valid, [], 4, true);

    /// <summary>Random bytes of up to <paramref name="maxLength"/>, after an optional prefix.
    /// </summary>
    public static Gen<byte[]> RandomBytes(int maxLength, byte[]? prefix = null) =>
        Gen.Byte.Array[0, maxLength].Select(
            bytes => prefix is null ? bytes : [.. prefix, .. bytes]);

    /// <summary>Writes the bytes to a fresh file, runs the reader, and checks the outcome.
    /// </summary>
    /// <remarks>
    /// The reader may succeed or throw <see cref="InvalidDataException"/> whose message starts
    /// with the path; any other exception fails the property. So does a call that takes
    /// longer than 10 s or allocates more than 64 MB on its thread.
    /// </remarks>
    /// <param name="folder">A folder for the input file.</param>
    /// <param name="extension">The file's extension, such as ".json".</param>
    /// <param name="bytes">The input.</param>
    /// <param name="read">The reader, given the file's path.</param>
    public static void Read(string folder, string extension, byte[] bytes, Action<string> read)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, bytes);
        try
        {
            Check(path, () => read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs a read of an existing path and checks the outcome as
    /// <see cref="Read"/> does.</summary>
    public static void Check(string path, Action read)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        try
        {
            read();
        }
        catch (InvalidDataException e)
        {
            Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        }

        Assert.True(clock.Elapsed < SlowCall, $"{clock.Elapsed} for one input");
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(allocated < MaxAllocatedBytes, $"{allocated:N0} bytes for one input");
    }

    private static Gen<byte[]> Mutations(
        byte[] valid,
        int[] integerOffsets,
        int integerBytes,
        bool bigEndian)
    {
        var mutation = Gen.Select(
            Gen.Int[0, 8], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Int[0, 2000],
            (kind, a, b, c) => new Mutation(kind, a, b, c));
        return mutation.Array[1, 4].Select(changes =>
        {
            var bytes = valid;
            foreach (var change in changes)
            {
                bytes = change.Apply(bytes, integerOffsets, integerBytes, bigEndian);
            }

            return bytes;
        });
    }

    /// <summary>One change to a file: its kind and three numbers that place and size it.
    /// </summary>
    private readonly record struct Mutation(int Kind, int A, int B, int C)
    {
        public byte[] Apply(byte[] data, int[] integerOffsets, int integerBytes, bool bigEndian)
        {
            var at = data.Length == 0 ? 0 : A % data.Length;
            switch (Kind)
            {
                case 0 when data.Length > 0:
                    var written = (byte[])data.Clone();
                    written[at] = (byte)B;
                    return written;
                case 1 when data.Length > 0:
                    var flipped = (byte[])data.Clone();
                    flipped[at] ^= (byte)(1 << (B % 8));
                    return flipped;
                case 2:
                    return data[..(A % (data.Length + 1))];
                case 3:
                    var random = new byte[1 + (B % 16)];
                    new Random(C).NextBytes(random);
                    return [.. data[..at], .. random, .. data[at..]];
                case 4:
                    return [.. data[..at], .. data[Math.Min(data.Length, at + 1 + (B % 32))..]];
                case 5 when data.Length > 0:
                    var from = B % data.Length;
                    var piece = data[from..Math.Min(data.Length, from + 1 + (C % 64))];
                    return [.. data[..at], .. piece, .. data[at..]];
                case 6:
                    var token = Encoding.UTF8.GetBytes(Tokens[C % Tokens.Length]);
                    var end = Math.Min(data.Length, at + (B % 8));
                    return [.. data[..at], .. token, .. data[end..]];
                case 7:
                    var repeated = Encoding.UTF8.GetBytes(Tokens[B % Tokens.Length]);
                    var run = Enumerable.Repeat(repeated, C).SelectMany(t => t);
                    return [.. data[..at], .. run, .. data[at..]];
                case 8 when integerOffsets.Length > 0:
                    return WriteInteger(data, integerOffsets[A % integerOffsets.Length],
                        B % 3 == 0 ? C : Boundaries[B % Boundaries.Length], integerBytes,
                        bigEndian);
                default:
                    return data;
            }
        }

        private static byte[] WriteInteger(
            byte[] data,
            int offset,
            long value,
            int integerBytes,
            bool bigEndian)
        {
            if (offset + integerBytes > data.Length)
            {
                return data;
            }

            var result = (byte[])data.Clone();
            var slot = result.AsSpan(offset, integerBytes);
            if (integerBytes == 4 && bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(slot, unchecked((uint)value));
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(slot, value);
            }

            return result;
        }
    }
}
