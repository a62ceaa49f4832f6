using System.Globalization;
using System.Text;
using System.Text.Json;
using Backprop.Cli.Inputs;
using Backprop.Cli.Models;
using Backprop.Training;

namespace Backprop.Cli.Output;

/// <summary>What predict prints: per input, the predicted class and the class probabilities.
/// </summary>
/// <remarks>
/// The predicted class is <see cref="Trainer.PredictedClass"/> of ŷ, as evaluation counts it.
/// For one sigmoid output the probabilities are [1 − ŷ, ŷ]; for outputs that are not
/// probabilities (identity, tanh, several sigmoids) the raw outputs are given as scores.
/// </remarks>
/// <param name="Model">The model.</param>
/// <param name="Inputs">The inputs, in order.</param>
/// <param name="YHat">The network outputs, inputs × output size, row-major.</param>
internal sealed record PredictReport(
    LoadedModel Model,
    IReadOnlyList<PredictionInput> Inputs,
    float[] YHat)
{
    private const int TopCount = 3;

    private IReadOnlyList<string>? Names => ClassNames.For(Model.DataName, Model.ClassCount);

    /// <summary>Formats one line per input: prediction, label if known, top classes.</summary>
    /// <param name="all">Whether to list every class rather than the top 3.</param>
    /// <returns>The text.</returns>
    public string ToText(bool all)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var what = Model.OutputsAreProbabilities ? "p" : "score";
        for (var n = 0; n < Inputs.Count; n++)
        {
            var values = Values(n);
            var predicted = Predicted(n);
            text.Append(inv, $"{Inputs[n].Name}: {ClassNames.Label(Names, predicted)}");
            text.Append(inv, $"  {what}={values[predicted]:F4}");
            if (Inputs[n].Label is { } label)
            {
                var verdict = label == predicted ? "right" : "wrong";
                text.Append(inv, $"  (label {ClassNames.Label(Names, label)}, {verdict})");
            }

            var order = Ranking(values);
            var shown = all ? order.Length : Math.Min(TopCount, order.Length);
            text.Append(all ? "  all: " : $"  top {shown}: ");
            for (var k = 0; k < shown; k++)
            {
                var c = order[k];
                text.Append(k == 0 ? "" : " | ")
                    .Append(inv, $"{ClassNames.Label(Names, c)} {values[c]:F4}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Formats a JSON array with one object per input.</summary>
    /// <returns>The JSON text and a line break.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            for (var n = 0; n < Inputs.Count; n++)
            {
                WriteItem(writer, n);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private void WriteItem(Utf8JsonWriter writer, int n)
    {
        var input = Inputs[n];
        var predicted = Predicted(n);
        writer.WriteStartObject();
        writer.WriteString("input", input.Source);
        if (input.Index is { } index)
        {
            writer.WriteNumber("index", index);
        }

        if (input.Label is { } label)
        {
            writer.WriteNumber("label", label);
        }

        writer.WriteNumber("predicted", predicted);
        if (Names is { } names)
        {
            writer.WriteString("predicted_name", names[predicted]);
        }

        writer.WriteStartArray(Model.OutputsAreProbabilities ? "probabilities" : "scores");
        foreach (var value in Values(n))
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private int Predicted(int n)
    {
        var outputs = Model.Network.OutputSize;
        return Trainer.PredictedClass(YHat.AsSpan(n * outputs, outputs));
    }

    /// <summary>Returns one value per class: ŷ, or [1 − ŷ, ŷ] for one output.</summary>
    private float[] Values(int n)
    {
        var outputs = Model.Network.OutputSize;
        var yHat = YHat.AsSpan(n * outputs, outputs);
        return outputs == 1 ? [1 - yHat[0], yHat[0]] : yHat.ToArray();
    }

    /// <summary>Orders classes by decreasing value; equal values keep class order.</summary>
    private static int[] Ranking(float[] values)
    {
        var order = new int[values.Length];
        for (var c = 0; c < order.Length; c++)
        {
            order[c] = c;
        }

        // A stable insertion sort: at most a few dozen classes.
        for (var i = 1; i < order.Length; i++)
        {
            var c = order[i];
            var j = i - 1;
            while (j >= 0 && values[order[j]] < values[c])
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = c;
        }

        return order;
    }
}
