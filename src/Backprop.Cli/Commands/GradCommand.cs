using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Backprop.Networks;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop grad CASE.json</c>: the loss and the gradient of one sample.</summary>
internal static class GradCommand
{
    public static Command Create()
    {
        var caseArgument = new Argument<string>("case")
        {
            Description = "A case file: network, parameters, x and y (see docs/case-format.md).",
        };
        var engine = EngineOption();
        var json = new Option<bool>("--json")
        {
            Description = "Print {loss, gradients, theta_gradient} as one JSON object.",
        };
        var maxMemory = MemoryLimit.CreateOption("the jacobian engine's factors");
        var command = new Command("grad", "Print the loss and the gradient for one sample.")
        {
            caseArgument,
            engine,
            json,
            maxMemory,
        };
        command.SetAction(parse => CommandRunner.Guard(parse.InvocationConfiguration.Error, () =>
        {
            var chosen = parse.GetValue(engine)!;
            var limit = parse.GetValue(maxMemory);
            if (chosen == "fast" && limit is not null)
            {
                throw new UsageException(
                    $"{MemoryLimit.OptionName} limits the jacobian engine; --engine fast "
                    + "builds no Jacobian matrix");
            }

            var item = GradientComputation.Load(parse.GetValue(caseArgument)!);
            var (loss, gradient) = GradientComputation.Compute(
                item, chosen, limit ?? MemoryLimit.Default);
            var gradients = NetworkParameters.FromTheta(item.Network, gradient);
            parse.InvocationConfiguration.Output.Write(parse.GetValue(json)
                ? ToJson(loss, gradients, gradient)
                : ToText(loss, gradients));
            return 0;
        }));
        return command;
    }

    public static Option<string> EngineOption()
    {
        return CommandOptions.OneOf(
            "--engine",
            "jacobian",
            ["jacobian", "fast"],
            "jacobian: explicit J_θ z^[L] (Algorithm 1); fast: batched vector–Jacobian "
                + "products. Both in double precision here.");
    }

    public static string ToJson(double loss, NetworkParameters gradients, double[] theta)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("loss", loss);
            writer.WriteStartObject("gradients");
            for (var p = 0; p < gradients.Network.Parameters.Count; p++)
            {
                var info = gradients.Network.Parameters[p];
                writer.WritePropertyName(info.Name);
                WriteTensor(writer, gradients.Values(p), info.Shape);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("theta_gradient");
            foreach (var value in theta)
            {
                writer.WriteNumberValue(value);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static void WriteTensor(Utf8JsonWriter writer, double[] values, int[] shape)
    {
        var offset = 0;
        WriteAxis(writer, values, shape, 0, ref offset);
    }

    // Nested arrays, row-major: the last axis innermost, as in the case files.
    private static void WriteAxis(
        Utf8JsonWriter writer,
        double[] values,
        int[] shape,
        int axis,
        ref int offset)
    {
        writer.WriteStartArray();
        for (var i = 0; i < shape[axis]; i++)
        {
            if (axis + 1 < shape.Length)
            {
                WriteAxis(writer, values, shape, axis + 1, ref offset);
            }
            else
            {
                writer.WriteNumberValue(values[offset++]);
            }
        }

        writer.WriteEndArray();
    }

    private static string ToText(double loss, NetworkParameters gradients)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"loss = {loss:R}\n");
        for (var p = 0; p < gradients.Network.Parameters.Count; p++)
        {
            var info = gradients.Network.Parameters[p];
            text.Append(CultureInfo.InvariantCulture, $"\n∇{info.Name} {info.ShapeText}\n");
            var values = gradients.Values(p);
            var columns = info.Shape.Length >= 2 ? info.Shape[^1] : values.Length;
            AppendColumns(text, values, columns);
        }

        return text.ToString();
    }

    /// <summary>Appends a row-major matrix with each column right-aligned to its widest entry.
    /// </summary>
    /// <remarks>Entries are separated by at least two spaces, so values in scientific notation
    /// such as -1.0188293E-10 never run into their neighbours.</remarks>
    internal static void AppendColumns(StringBuilder text, double[] values, int columns)
    {
        var cells = values.Select(v => v.ToString("G8", CultureInfo.InvariantCulture)).ToArray();
        var widths = new int[columns];
        for (var i = 0; i < cells.Length; i++)
        {
            widths[i % columns] = Math.Max(widths[i % columns], cells[i].Length);
        }

        for (var start = 0; start < cells.Length; start += columns)
        {
            for (var j = 0; j < columns; j++)
            {
                text.Append("  ").Append(cells[start + j].PadLeft(widths[j]));
            }

            text.Append('\n');
        }
    }
}
