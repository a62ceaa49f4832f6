using System.Globalization;
using System.Text;
using System.Text.Json;
using Backprop.Jacobians;
using Backprop.Losses;
using Backprop.Networks;

namespace Backprop.Cli.Explain;

/// <summary>
/// Explains a network with convolution, pooling or flatten layers: every factor of
/// Algorithm 1 with its shape, structure and storage, the small ones in full.
/// </summary>
/// <remarks>
/// Per layer l the chain J_{z^[l]} z^[L] takes J_{a^[l-1]} z^[l] (Wᵀ, Teop(K), a selection
/// matrix or I) and D^[l]; a layer with parameters adds J_θ z^[l] ([I ⊗ aᵀ | I] or
/// [I ⊗ Pᵀ | I ⊗ 1]). Dense-only networks get the full derivation instead.
/// </remarks>
internal static class LayerFactorsRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Whether a network needs this renderer (it has a non-dense layer).</summary>
    public static bool Applies(NetworkDescription network)
    {
        foreach (var layer in network.Layers)
        {
            if (layer is not DenseLayerDescription)
            {
                return true;
            }
        }

        return false;
    }

    public static string Render(CaseFile item, JacobianResult result, string format, int limit)
    {
        if (format == "json")
        {
            return Json(item, result);
        }

        // The case name is user text: one clean line everywhere, escaped outside the verbatim
        // block in LaTeX and without backslashes inside it, so it cannot end the block.
        var name = UserText.Clean(item.Name);
        return format switch
        {
            "markdown" => $"# Gradient of {MarkdownRenderer.Escape(name)}\n\n```text\n"
                + $"{Text(name, result, limit)}```\n",
            "latex" => $"\\section*{{Gradient of {LatexRenderer.Escape(name)}}}\n"
                + "\\begin{verbatim}\n" + Text(name.Replace('\\', '/'), result, limit)
                + "\\end{verbatim}\n",
            _ => Text(name, result, limit),
        };
    }

    private static string Text(string name, JacobianResult result, int limit)
    {
        var network = result.Network;
        var text = new StringBuilder();
        text.Append(Invariant, $"Gradient of {name}: network {network.ShapeText()}, ")
            .Append(Invariant, $"{LossNames.ToName(network.Loss)}, ")
            .Append(Invariant, $"{network.ParameterCount} parameters\n")
            .Append(Invariant, $"loss ℓ = {result.Loss.ToString("R", Invariant)}\n\n")
            .Append("∇θ ℓ = (J_θ z^[L])ᵀ ∇z ℓ, J_θ z^[L] = [J_{θ1} z^[L] | … ], and for each ")
            .Append("layer l\nJ_{θl} z^[L] = J_{z^[l]} z^[L] · J_{θl} z^[l], where the chain ")
            .Append("J_{z^[l]} z^[L] multiplies,\nfrom layer L down, J_{a^[k-1]} z^[k] · D^[k-1]")
            .Append(" (Wᵀ for dense, Teop(K) for conv2d,\na 0/1 selection S for maxpool2d, ")
            .Append("I for flatten).\n");
        for (var layer = 0; layer < network.Layers.Count; layer++)
        {
            var trace = result.Layers[layer];
            var description = network.Layers[layer];
            var l = layer + 1;
            text.Append(Invariant, $"\nlayer {l} ({Describe(description)}): ")
                .Append(Invariant, $"{Shape(network.LayerInputShape(layer))} → ")
                .Append(Invariant, $"{Shape(network.LayerOutputShape(layer))}\n");
            Factor(text, $"J_a z^[{l}] = {InputName(network, layer)}", trace.InputJacobian, limit);
            Factor(text, $"D^[{l}]", trace.ActivationJacobian, limit);
            if (trace.ParameterJacobian is JacobianFactor J)
            {
                var w = network.Parameters[network.WeightParameterIndex(layer)];
                var b = network.Parameters[network.WeightParameterIndex(layer) + 1];
                Factor(text, $"J_({w.Name},{b.Name}) z^[{l}]", J, limit);
            }

            var chain = trace.ChainToOutput;
            text.Append(Invariant, $"  J_z^[{l}] z^[L]  {chain.Rows} × {chain.Columns}\n");
        }

        var theta = result.ThetaJacobian;
        text.Append(Invariant, $"\nJ_θ z^[L]: {theta.Rows} × {theta.Columns}\n")
            .Append("∇z ℓ = ").Append(Values(result.OutputGradient)).Append('\n');
        var gradients = result.Gradients();
        for (var p = 0; p < network.Parameters.Count; p++)
        {
            var info = network.Parameters[p];
            text.Append(Invariant, $"∇{info.Name} {info.ShapeText} = ")
                .Append(Values(gradients.Values(p)))
                .Append('\n');
        }

        return text.ToString();
    }

    private static void Factor(StringBuilder text, string name, JacobianFactor factor, int limit)
    {
        text.Append(Invariant, $"  {name}  {factor.Rows} × {factor.Columns}, ")
            .Append(Structure(factor.Structure))
            .Append(Invariant, $", {factor.StoredCount} values stored\n");
        if ((long)factor.Rows * factor.Columns > limit
            || factor.Structure is FactorStructure.Identity or FactorStructure.Diagonal)
        {
            return;
        }

        var M = factor.ToMatrix();
        for (var i = 0; i < M.Rows; i++)
        {
            text.Append("    [");
            for (var j = 0; j < M.Columns; j++)
            {
                var v = M[i, j];
                text.Append(' ').Append(v == 0 ? "0" : v.ToString("0.###", Invariant));
            }

            text.Append(" ]\n");
        }
    }

    private static string Structure(FactorStructure structure) => structure switch
    {
        FactorStructure.Toeplitz => "doubly block Toeplitz Teop(K): kernel entries along bands",
        FactorStructure.Selection => "0/1 selection, one 1 per row (first maximum on ties)",
        FactorStructure.Patches => "[I ⊗ Pᵀ | I ⊗ 1], P = im2col of the layer input",
        FactorStructure.Kronecker => "[I ⊗ aᵀ | I]",
        FactorStructure.Diagonal => "diagonal",
        FactorStructure.Identity => "identity",
        _ => "dense",
    };

    private static string InputName(NetworkDescription network, int layer) =>
        network.Layers[layer] switch
        {
            DenseLayerDescription => $"(W{Number(network, layer)})ᵀ",
            Conv2dLayerDescription => $"Teop(K{Number(network, layer)})",
            MaxPool2dLayerDescription => "S",
            _ => "I",
        };

    private static string Number(NetworkDescription network, int layer) =>
        network.Parameters[network.WeightParameterIndex(layer)].Name[1..];

    private static string Describe(LayerDescription layer) => layer switch
    {
        DenseLayerDescription d => $"dense {d.Units}, {Activation(d.Activation)}",
        Conv2dLayerDescription c => $"conv2d {c.Filters}@{c.Kernel}, stride {c.Stride}, "
            + $"padding {c.Padding}, {Activation(c.Activation)}",
        MaxPool2dLayerDescription m => $"maxpool2d {m.Size}, stride {m.Stride}",
        _ => layer.TypeName,
    };

    private static string Activation(Activations.ActivationKind kind) =>
        Activations.ActivationNames.ToName(kind);

    private static string Shape(IReadOnlyList<int> shape) => LayerDescription.ShapeText(shape);

    private static string Values(double[] values)
    {
        var shown = Math.Min(values.Length, 12);
        var parts = new string[shown];
        for (var i = 0; i < shown; i++)
        {
            parts[i] = values[i].ToString("G6", Invariant);
        }

        var more = values.Length > shown ? $", … ({values.Length} values)" : "";
        return "[" + string.Join(", ", parts) + more + "]";
    }

    private static string Json(CaseFile item, JacobianResult result)
    {
        var network = result.Network;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("case", item.Name);
            w.WriteNumber("loss", result.Loss);
            w.WriteStartArray("layers");
            for (var layer = 0; layer < network.Layers.Count; layer++)
            {
                var trace = result.Layers[layer];
                w.WriteStartObject();
                w.WriteNumber("number", layer + 1);
                w.WriteString("type", network.Layers[layer].TypeName);
                Ints(w, "input_shape", network.LayerInputShape(layer));
                Ints(w, "output_shape", network.LayerOutputShape(layer));
                w.WriteStartArray("factors");
                FactorJson(w, "input-jacobian", InputName(network, layer), trace.InputJacobian);
                FactorJson(w, "activation-jacobian", $"D^[{layer + 1}]", trace.ActivationJacobian);
                if (trace.ParameterJacobian is JacobianFactor J)
                {
                    FactorJson(w, "parameter-jacobian", $"J_θ z^[{layer + 1}]", J);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("theta_gradient");
            foreach (var value in result.ThetaGradient)
            {
                w.WriteNumberValue(value);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void FactorJson(Utf8JsonWriter w, string role, string name, JacobianFactor J)
    {
        w.WriteStartObject();
        w.WriteString("role", role);
        w.WriteString("name", name);
        w.WriteNumber("rows", J.Rows);
        w.WriteNumber("columns", J.Columns);
        w.WriteString("structure", J.Structure.ToString().ToLowerInvariant());
        w.WriteNumber("stored", J.StoredCount);
        w.WriteEndObject();
    }

    private static void Ints(Utf8JsonWriter w, string name, IReadOnlyList<int> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
    }
}
