namespace Backprop.Cli.Inputs;

/// <summary>One image to classify, at the model's input size, before input scaling.</summary>
/// <param name="Source">The file it came from, as the user gave it.</param>
/// <param name="Index">The item's 0-based index in an IDX or CSV file; null for an image file.
/// </param>
/// <param name="Pixels">rows × columns bytes, row-major, 0 black to 255 white.</param>
/// <param name="Label">The true class when the file says it, else null.</param>
internal sealed record PredictionInput(string Source, int? Index, byte[] Pixels, int? Label)
{
    /// <summary>Gets how outputs name the input: the path, with [index] for an item.</summary>
    public string Name => Index is { } index
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Source}[{index}]")
        : Source;
}
