using System.Text.Json;
using Backprop.Networks;

namespace Backprop.Tests.TestSupport;

/// <summary>The shared gradient cases copied into the test project.</summary>
internal static class TestCases
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Cases");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Every case file, dense and convolutional.</summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    public static (double Loss, double[] Theta) Expected(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf(name)));
        var expected = document.RootElement.GetProperty("expected");
        var theta = expected.GetProperty("theta_gradient").EnumerateArray()
            .Select(v => v.GetDouble()).ToArray();
        return (expected.GetProperty("loss").GetDouble(), theta);
    }

    public static CaseFile Load(string name) => CaseFile.Load(PathOf(name));
}
