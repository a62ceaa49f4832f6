using System.Text;
using Backprop.Networks;

namespace Backprop.Tests.Networks;

public sealed class JsonFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("backprop-json-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Parse_Utf8ByteOrderMark_IsSkipped()
    {
        var path = Write([0xEF, 0xBB, 0xBF, .. "{\"a\": 1}"u8]);

        using var document = JsonFile.Parse(path);

        Assert.Equal(1, document.RootElement.GetProperty("a").GetInt32());
    }

    [Fact]
    public void Parse_Utf16Text_SaysSoInsteadOfAnInvalidByte()
    {
        var path = Write(Encoding.Unicode.GetPreamble().Concat(
            Encoding.Unicode.GetBytes("{\"a\": 1}")).ToArray());

        var error = Assert.Throws<InvalidDataException>(() => JsonFile.Parse(path));

        Assert.Equal(
            $"{path}: the file is UTF-16 or UTF-32 text; JSON files are read as UTF-8 "
            + "(save it as UTF-8)",
            error.Message);
    }

    [Fact]
    public void Parse_InvalidUtf8InsideAString_IsADataErrorWithItsPosition()
    {
        // The parser checks a string's UTF-8 only when it is read, with another exception.
        var path = Write([.. "{\"a\":\n \"x"u8, 0xFF, .. "\"}"u8]);

        var error = Assert.Throws<InvalidDataException>(() => JsonFile.Parse(path));

        Assert.Equal($"{path}: not UTF-8 text: byte 0xFF at line 2, byte 4", error.Message);
    }

    [Fact]
    public void Parse_EndlessDevice_StopsAtTheLimit()
    {
        var error = Assert.Throws<InvalidDataException>(() => JsonFile.Parse("/dev/zero"));

        Assert.Equal(
            "/dev/zero: more than 134217728 bytes (its size was reported as 0); JSON files are "
            + "read up to 134217728 bytes",
            error.Message);
    }

    [Fact]
    public void Parse_DuplicateKey_ThrowsInvalidData()
    {
        var path = Write("{\"a\": 1, \"a\": 2}"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => JsonFile.Parse(path));

        Assert.Contains("Duplicate property 'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestedPastMaxDepth_GivesPositionAndReason()
    {
        var path = Write(Encoding.ASCII.GetBytes(new string('[', 65) + new string(']', 65)));

        var error = Assert.Throws<InvalidDataException>(() => JsonFile.Parse(path));

        Assert.Equal(
            $"{path}: not valid JSON at line 1, byte 65: The maximum configured depth of 64 "
            + "has been exceeded. Cannot read next JSON array",
            error.Message);
    }

    [Theory]
    [InlineData("", "the file holds no JSON value (it is empty or only white space)")]
    [InlineData("  \n ", "the file holds no JSON value (it is empty or only white space)")]
    [InlineData("{\"network\": {\"input\": [2]\n", "the file ends inside an object or array")]
    public void Parse_EmptyOrCutShort_SaysSoInItsOwnWords(string text, string reason)
    {
        var path = Write(Encoding.UTF8.GetBytes(text));

        var error = Assert.Throws<InvalidDataException>(() => JsonFile.Parse(path));

        Assert.StartsWith(
            $"{path}: not valid JSON at line ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AtMaxDepth_IsAccepted()
    {
        var path = Write(Encoding.ASCII.GetBytes(new string('[', 64) + new string(']', 64)));

        using var document = JsonFile.Parse(path);

        Assert.Equal(System.Text.Json.JsonValueKind.Array, document.RootElement.ValueKind);
    }

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
