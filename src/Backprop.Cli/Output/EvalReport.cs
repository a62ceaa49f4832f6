using System.Globalization;
using System.Text;
using System.Text.Json;
using Backprop.Cli.Models;
using Backprop.Losses;
using Backprop.Training;
using Spectre.Console;

namespace Backprop.Cli.Output;

/// <summary>What eval prints, as JSON or as text with a table.</summary>
/// <param name="ModelPath">The model file, as the user gave it.</param>
/// <param name="DataName">The data set, as the user gave it.</param>
/// <param name="Split">test or train.</param>
/// <param name="Model">The model.</param>
/// <param name="Result">What <see cref="Trainer.Evaluate"/> measured.</param>
/// <param name="Names">Class names, or null to show class numbers.</param>
internal sealed record EvalReport(
    string ModelPath,
    string DataName,
    string Split,
    LoadedModel Model,
    Evaluation Result,
    IReadOnlyList<string>? Names)
{
    private int ClassCount => Result.Confusion.GetLength(0);

    private int Count
    {
        get
        {
            var count = 0;
            for (var actual = 0; actual < ClassCount; actual++)
            {
                count += RowTotal(actual);
            }

            return count;
        }
    }

    private int Correct
    {
        get
        {
            var correct = 0;
            for (var c = 0; c < ClassCount; c++)
            {
                correct += Result.Confusion[c, c];
            }

            return correct;
        }
    }

    /// <summary>Formats the result as one JSON object.</summary>
    /// <returns>The JSON text and a line break.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("model", ModelPath);
            writer.WriteString("data", DataName);
            writer.WriteString("split", Split);
            writer.WriteNumber("count", Count);
            writer.WriteNumber("correct", Correct);
            writer.WriteNumber("accuracy", Result.Accuracy);
            writer.WriteNumber("loss", Result.Loss);
            writer.WriteString("loss_function", LossNames.ToName(Model.Network.Loss));
            writer.WriteStartArray("classes");
            for (var c = 0; c < ClassCount; c++)
            {
                writer.WriteStringValue(Names is null ? Format(c) : Names[c]);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("confusion");
            for (var actual = 0; actual < ClassCount; actual++)
            {
                writer.WriteStartArray();
                for (var predicted = 0; predicted < ClassCount; predicted++)
                {
                    writer.WriteNumberValue(Result.Confusion[actual, predicted]);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Formats accuracy, loss and the confusion matrix as text.</summary>
    /// <param name="color">Whether to colour the diagonal (ANSI codes).</param>
    /// <returns>The text.</returns>
    public string ToText(bool color)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"accuracy  {Result.Accuracy:F4} ({100 * Result.Accuracy:F2}%), ");
        text.Append(inv, $"{Correct:N0} of {Count:N0} correct\n");
        text.Append(inv, $"loss      {Result.Loss:F6} ");
        text.Append(inv, $"(mean {LossNames.ToName(Model.Network.Loss)})\n\n");
        text.Append("confusion matrix: rows are true classes, columns predicted classes\n");
        text.Append(TextRendering.Render(Table(color), color));
        return text.ToString();
    }

    private Table Table(bool color)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("true \\ predicted"));
        for (var c = 0; c < ClassCount; c++)
        {
            table.AddColumn(new TableColumn(Format(c)).RightAligned());
        }

        table.AddColumn(new TableColumn("total").RightAligned());
        table.AddColumn(new TableColumn("recall").RightAligned());
        for (var actual = 0; actual < ClassCount; actual++)
        {
            var cells = new List<string> { Markup.Escape(ClassNames.Label(Names, actual)) };
            for (var predicted = 0; predicted < ClassCount; predicted++)
            {
                var cell = Format(Result.Confusion[actual, predicted]);
                cells.Add(color && actual == predicted ? $"[green]{cell}[/]" : cell);
            }

            var total = RowTotal(actual);
            var recall = total == 0 ? "-" : ((double)Result.Confusion[actual, actual] / total)
                .ToString("F4", CultureInfo.InvariantCulture);
            cells.Add(Format(total));
            cells.Add(recall);
            table.AddRow([.. cells]);
        }

        return table;
    }

    /// <summary>Counts the images of one true class.</summary>
    private int RowTotal(int actual)
    {
        var total = 0;
        for (var predicted = 0; predicted < ClassCount; predicted++)
        {
            total += Result.Confusion[actual, predicted];
        }

        return total;
    }

    private static string Format(int value) =>
        value.ToString(CultureInfo.InvariantCulture);
}
