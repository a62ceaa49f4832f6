using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Backprop.Activations;
using Backprop.Losses;

namespace Backprop.Cli.Explain;

/// <summary>
/// Writes the derivation as one JSON object with the same numbers as the other formats and
/// every shape as [rows, columns]; the schema is documented in docs/explain-json.md.
/// </summary>
internal static class JsonRenderer
{
    /// <summary>The value of the "schema" member; bumped when the layout changes.</summary>
    public const string Schema = "backprop-explain/1";

    /// <summary>Renders the derivation.</summary>
    /// <param name="d">The derivation.</param>
    /// <param name="maxEntries">The largest array whose values are written.</param>
    public static string Render(Derivation d, long maxEntries)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions
        {
            // Keeps ∇, θ and ᵀ readable; the output is a file or a pipe, never HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var w = new Utf8JsonWriter(stream, options))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("case", d.CaseName);
            w.WriteNumber("max_entries", maxEntries);
            Network(w, d);
            w.WriteStartObject("sample");
            Array(w, "x", d.X, maxEntries);
            Array(w, "y", d.Output.Target, maxEntries);
            w.WriteEndObject();
            Forward(w, d, maxEntries);
            Number(w, "loss", d.LossValue);
            OutputGradient(w, d, maxEntries);
            Factors(w, d, maxEntries);
            Blocks(w, d, maxEntries);
            w.WriteStartObject("theta_jacobian");
            Names(w, Symbols.ThetaJacobian(d.LayerCount));
            Fields(w, d.ThetaJacobian, maxEntries);
            w.WriteEndObject();
            Gradient(w, d, maxEntries);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Network(Utf8JsonWriter w, Derivation d)
    {
        w.WriteStartObject("network");
        w.WriteNumber("input_size", d.InputSize);
        w.WriteNumber("output_size", d.OutputSize);
        w.WriteNumber("layer_count", d.LayerCount);
        w.WriteStartArray("layers");
        foreach (var layer in d.Layers)
        {
            w.WriteStartObject();
            w.WriteNumber("layer", layer.Number);
            w.WriteString("type", "dense");
            w.WriteNumber("inputs", layer.Inputs);
            w.WriteNumber("units", layer.Units);
            w.WriteString("activation", ActivationNames.ToName(layer.Activation));
            Parameter(w, "weights", layer.Weights.Name, layer.Inputs, layer.Units,
                layer.Weights.ThetaOffset);
            Parameter(w, "bias", layer.Bias.Name, layer.Units, 1, layer.Bias.ThetaOffset);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("loss", LossNames.ToName(d.Loss));
        w.WriteNumber("parameter_count", d.ParameterCount);
        w.WriteStartArray("theta_order");
        foreach (var layer in d.Layers)
        {
            w.WriteStringValue($"Vec({layer.Weights.Name})");
            w.WriteStringValue(layer.Bias.Name);
        }

        w.WriteEndArray();
        w.WriteString("vec", "columns stacked, first column on top");
        w.WriteEndObject();
    }

    private static void Parameter(
        Utf8JsonWriter w,
        string property,
        string name,
        int rows,
        int columns,
        int offset)
    {
        w.WriteStartObject(property);
        w.WriteString("name", name);
        Shape(w, rows, columns);
        w.WriteNumber("theta_offset", offset);
        w.WriteNumber("theta_count", rows * columns);
        w.WriteEndObject();
    }

    private static void Forward(Utf8JsonWriter w, Derivation d, long maxEntries)
    {
        w.WriteStartArray("forward");
        foreach (var step in d.Forward)
        {
            w.WriteStartObject();
            w.WriteNumber("layer", step.Layer.Number);
            w.WriteString("activation", ActivationNames.ToName(step.Layer.Activation));
            Array(w, "z", step.Z, maxEntries);
            Array(w, "a", step.A, maxEntries);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void OutputGradient(Utf8JsonWriter w, Derivation d, long maxEntries)
    {
        var output = d.Output;
        var activation = ActivationNames.ToName(output.Activation);
        var loss = LossNames.ToName(output.Loss);
        w.WriteStartObject("output_gradient");
        Names(w, Symbols.ZGradient(d.LayerCount));
        w.WriteString("activation", activation);
        w.WriteString("loss", loss);
        w.WriteString("pair", $"{activation} + {loss}");
        w.WriteBoolean("fused", output.IsFused);
        w.WriteString("formula", output.Formula);
        Number(w, "target_sum", output.TargetSum);
        Array(w, "output", output.Output, maxEntries);
        if (output.OutputLossGradient is not null)
        {
            Array(w, "loss_gradient", output.OutputLossGradient, maxEntries);
        }

        if (output.ActivationJacobian is not null)
        {
            Array(w, "activation_jacobian", output.ActivationJacobian, maxEntries);
        }

        Fields(w, output.Value, maxEntries);
        w.WriteEndObject();
    }

    private static void Factors(Utf8JsonWriter w, Derivation d, long maxEntries)
    {
        w.WriteStartArray("factors");
        foreach (var factor in d.Factors)
        {
            w.WriteStartObject();
            Names(w, factor.Name);
            w.WriteString("role", factor.RoleName);
            w.WriteNumber("layer", factor.Layer.Number);
            w.WriteString("jacobian", factor.Meaning.Unicode);
            if (factor.Diagonal is not null)
            {
                Array(w, "diagonal", factor.Diagonal, maxEntries);
                w.WriteStartArray("zero_units");
                foreach (var unit in factor.ZeroUnits)
                {
                    w.WriteNumberValue(unit);
                }

                w.WriteEndArray();
            }

            if (factor.Input is not null)
            {
                Array(w, "input", factor.Input, maxEntries);
            }

            Fields(w, factor.Value, maxEntries);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Blocks(Utf8JsonWriter w, Derivation d, long maxEntries)
    {
        w.WriteStartArray("blocks");
        foreach (var block in d.Blocks)
        {
            w.WriteStartObject();
            w.WriteNumber("layer", block.Layer.Number);
            Names(w, Symbols.ParameterJacobian(block.Layer.Number, d.LayerCount));
            w.WriteStartArray("product");
            foreach (var factor in block.Product)
            {
                w.WriteStringValue(factor.Name.Unicode);
            }

            w.WriteEndArray();
            w.WriteNumber("theta_offset", block.Layer.ThetaOffset);
            w.WriteNumber("theta_count", block.Layer.ThetaCount);
            Array(w, "chain", block.Chain, maxEntries);
            Array(w, "z_gradient", block.ZGradient, maxEntries);
            Fields(w, block.Value, maxEntries);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Gradient(Utf8JsonWriter w, Derivation d, long maxEntries)
    {
        w.WriteStartObject("gradient");
        Names(w, Symbols.ThetaGradient);
        var L = Symbols.Int(d.LayerCount);
        w.WriteString("formula", $"(J_θ z^[{L}])ᵀ ∇_{{z^[{L}]}} ℓ");
        Fields(w, d.ThetaGradient, maxEntries);
        w.WriteStartArray("parameters");
        foreach (var gradient in d.Gradients)
        {
            w.WriteStartObject();
            w.WriteString("parameter", gradient.Parameter.Name);
            Names(w, gradient.Name);
            w.WriteNumber("layer", gradient.Layer.Number);
            w.WriteNumber("theta_offset", gradient.Parameter.ThetaOffset);
            w.WriteNumber("theta_count", gradient.Parameter.Count);
            Fields(w, gradient.Value, maxEntries);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Names(Utf8JsonWriter w, MathText name)
    {
        w.WriteString("name", name.Unicode);
        w.WriteString("latex", name.Latex);
    }

    private static void Array(Utf8JsonWriter w, string property, ShownArray array, long maxEntries)
    {
        w.WriteStartObject(property);
        Fields(w, array, maxEntries);
        w.WriteEndObject();
    }

    /// <summary>Writes an array's members into the object being written.</summary>
    private static void Fields(Utf8JsonWriter w, ShownArray array, long maxEntries)
    {
        var s = array.Statistics;
        Shape(w, array.Rows, array.Columns);
        var structure = ProductSections.StructureName(array.Structure);
        w.WriteString("structure", structure.ToLowerInvariant());
        w.WriteNumber("entries", array.Entries);
        w.WriteNumber("nonzeros", s.Nonzeros);
        Number(w, "min", s.Min);
        Number(w, "max", s.Max);
        Number(w, "frobenius_norm", s.FrobeniusNorm);
        if (!array.Fits(maxEntries))
        {
            w.WriteBoolean("omitted", true);
            return;
        }

        var m = array.Values;
        w.WriteString("layout", array.IsVector ? "flat" : "rows");
        w.WriteStartArray("values");
        if (array.IsVector)
        {
            foreach (var v in m.Data)
            {
                Number(w, v);
            }
        }
        else
        {
            for (var i = 0; i < m.Rows; i++)
            {
                w.WriteStartArray();
                foreach (var v in m.Row(i))
                {
                    Number(w, v);
                }

                w.WriteEndArray();
            }
        }

        w.WriteEndArray();
    }

    private static void Shape(Utf8JsonWriter w, long rows, long columns)
    {
        w.WriteStartArray("shape");
        w.WriteNumberValue(rows);
        w.WriteNumberValue(columns);
        w.WriteEndArray();
    }

    // JSON has no NaN or infinity: a non-finite value is written as null.
    private static void Number(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumberValue(value);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static void Number(Utf8JsonWriter w, string property, double value)
    {
        w.WritePropertyName(property);
        Number(w, value);
    }
}
