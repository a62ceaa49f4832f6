using System.Globalization;
using Backprop.Data;

namespace Backprop.Cli;

/// <summary>Names the classes of the data sets the tool knows.</summary>
internal static class ClassNames
{
    /// <summary>Gets the ten Fashion-MNIST classes, by label.</summary>
    public static IReadOnlyList<string> FashionMnist { get; } =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    /// <summary>Returns the class names of a data set, or null when it has none.</summary>
    /// <param name="dataName">A data set name or path, such as fashion-mnist; may be null.</param>
    /// <param name="classCount">The number of classes the model has.</param>
    /// <returns>The names, one per class, or null (classes are then shown as numbers).</returns>
    public static IReadOnlyList<string>? For(string? dataName, int classCount) =>
        classCount == FashionMnist.Count
        && string.Equals(dataName, DataSets.FashionMnist, StringComparison.OrdinalIgnoreCase)
            ? FashionMnist
            : null;

    /// <summary>Labels a class: its number, then its name when there is one.</summary>
    /// <param name="names">The class names, or null.</param>
    /// <param name="c">The class index.</param>
    /// <returns>Text such as <c>9 Ankle boot</c> or <c>7</c>.</returns>
    public static string Label(IReadOnlyList<string>? names, int c)
    {
        var number = c.ToString(CultureInfo.InvariantCulture);
        return names is null || c >= names.Count ? number : $"{number} {names[c]}";
    }
}
