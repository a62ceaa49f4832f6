using Backprop.Activations;
using Backprop.Losses;

namespace Backprop.Cli.Explain;

/// <summary>
/// Writes the derivation as prose, equations and values, once for every format: the network
/// and the forward pass here, ∇_{z^[L]} ℓ in <see cref="OutputSection"/>, and the factors,
/// blocks and gradient in <see cref="ProductSections"/>.
/// </summary>
internal static class DocumentBuilder
{
    /// <summary>Builds the document of a derivation.</summary>
    /// <param name="d">The derivation.</param>
    /// <param name="maxEntries">The largest array shown in full.</param>
    public static IReadOnlyList<DocumentBlock> Build(Derivation d, long maxEntries)
    {
        var doc = new List<DocumentBlock>();
        Title(d, doc);
        Network(d, doc);
        Forward(d, doc);
        OutputSection.Write(d, doc);
        ProductSections.Factors(d, doc);
        ProductSections.Blocks(d, doc, maxEntries);
        ProductSections.Gradient(d, doc);
        return doc;
    }

    public static MathText M(string unicode, string latex) => new(unicode, latex);

    /// <summary>A single-letter symbol, such as the layer index l, set as mathematics.</summary>
    public static MathText V(string letter) => new(letter, letter);

    public static void Heading(List<DocumentBlock> doc, int level, params object[] title) =>
        doc.Add(new HeadingBlock(level, Run.Of(title)));

    public static void Para(List<DocumentBlock> doc, params object[] runs) =>
        doc.Add(new ParagraphBlock(Run.Of(runs), ParagraphKind.Plain));

    public static void Note(List<DocumentBlock> doc, params object[] runs) =>
        doc.Add(new ParagraphBlock(Run.Of(runs), ParagraphKind.Note));

    public static void Correction(List<DocumentBlock> doc, params object[] runs) =>
        doc.Add(new ParagraphBlock(Run.Of(runs), ParagraphKind.Correction));

    public static void Equation(List<DocumentBlock> doc, MathText left, MathText right) =>
        doc.Add(new EquationBlock([(left, right)]));

    /// <summary>Lists 1-based indices: "3, 4", or the first twelve and "...".</summary>
    public static string List(IReadOnlyList<int> items)
    {
        const int Shown = 12;
        var parts = new List<string>();
        for (var i = 0; i < Math.Min(Shown, items.Count); i++)
        {
            parts.Add(Symbols.Int(items[i]));
        }

        var text = string.Join(", ", parts);
        return items.Count > Shown ? text + ", ..." : text;
    }

    /// <summary>θ_a … θ_b (1-based), or θ_a alone.</summary>
    public static MathText ThetaRange(int offset, int count)
    {
        var first = offset + 1;
        var last = offset + count;
        return first == last
            ? M($"θ{Symbols.Subscript(first)}", $@"\theta_{{{first}}}")
            : M(
                $"θ{Symbols.Subscript(first)} … θ{Symbols.Subscript(last)}",
                $@"\theta_{{{first}}} \dots \theta_{{{last}}}");
    }

    private static void Title(Derivation d, List<DocumentBlock> doc)
    {
        Heading(doc, 0, $"Backprop explain: {d.CaseName}");
        Para(
            doc,
            "The gradient of one sample, derived as in \"The Backpropagation Algorithm for a Math "
            + "Student\" (Damadi, Moharrer and Cham, 2023): a product of Jacobian matrices, "
            + "shown factor by factor for this network. Shapes are rows ",
            M("×", @"\times"),
            " columns; vectors are columns.");
    }

    private static void Network(Derivation d, List<DocumentBlock> doc)
    {
        Heading(doc, 1, "1. The network");
        var widths = new List<string> { Symbols.Int(d.InputSize) };
        foreach (var layer in d.Layers)
        {
            widths.Add(Symbols.Int(layer.Units));
        }

        Para(
            doc,
            "Input ",
            MathText.Join(Symbols.X, M(" ∈ ", @" \in "), Symbols.Reals(d.InputSize)),
            $", {Plural(d.LayerCount, "dense layer")} (widths ",
            M(string.Join(" → ", widths), string.Join(@" \to ", widths)),
            "), output ",
            MathText.Join(Symbols.YHat, M(" ∈ ", @" \in "), Symbols.Reals(d.OutputSize)),
            ". Layer l computes");
        doc.Add(new EquationBlock([
            (
                M("z^[l]", "z^{[l]}"),
                M("(W^[l])ᵀ a^[l-1] + b^[l]", @"(W^{[l]})^{\top} a^{[l-1]} + b^{[l]}")),
            (M("a^[l]", "a^{[l]}"), M("f^[l](z^[l])", "f^{[l]}(z^{[l]})")),
        ]));
        Para(
            doc,
            "with ",
            M("a^[0] = x", "a^{[0]} = x"),
            " and ",
            MathText.Join(Symbols.YHat, M(" = ", " = "), Symbols.A(d.LayerCount)),
            ". ",
            M("W^[l]", "W^{[l]}"),
            " is inputs ",
            M("×", @"\times"),
            " units, so its column ",
            V("j"),
            " holds the weights into unit ",
            V("j"),
            ".");
        NetworkTable(d, doc);
        Para(
            doc,
            $"Loss ({LossNames.ToName(d.Loss)}): ",
            MathText.Join(M("ℓ(y, ŷ) = ", @"\ell(y, \hat{y}) = "), Symbols.LossFormula(d.Loss)),
            ". The parameters are stacked into one vector of length ",
            M($"P = {Symbols.Int(d.ParameterCount)}", $"P = {Symbols.Int(d.ParameterCount)}"),
            ":");
        Equation(
            doc,
            Symbols.Theta,
            MathText.Join(
                Symbols.ThetaStack(d.LayerCount),
                M(" ∈ ", @" \in "),
                Symbols.Reals(d.ParameterCount)));
        var first = d.Layers[0];
        Para(
            doc,
            "Vec stacks a matrix's columns, first column on top, so ",
            ThetaRange(0, first.Inputs),
            $" {(first.Inputs == 1 ? "is" : "are")} column 1 of ",
            Symbols.W(1),
            ": the weights into unit 1 of layer 1.");
        NetworkCorrections(d, doc);
    }

    private static void NetworkTable(Derivation d, List<DocumentBlock> doc)
    {
        var rows = new List<IReadOnlyList<IReadOnlyList<Run>>>();
        foreach (var layer in d.Layers)
        {
            rows.Add([
                Run.Of(Symbols.Int(layer.Number)),
                Run.Of(Symbols.Int(layer.Units)),
                Run.Of(ActivationNames.ToName(layer.Activation)),
                Run.Of(Symbols.Shape(layer.Inputs, layer.Units)),
                Run.Of(Symbols.Number(layer.Units)),
                Run.Of(
                    ThetaRange(layer.ThetaOffset, layer.ThetaCount),
                    $" ({Symbols.Int(layer.Weights.Count)} + {Symbols.Int(layer.Bias.Count)})"),
            ]);
        }

        doc.Add(new TableBlock(
            [
                Run.Of("layer"),
                Run.Of("units"),
                Run.Of("activation"),
                Run.Of(M("W^[l]", "W^{[l]}")),
                Run.Of(M("b^[l]", "b^{[l]}")),
                Run.Of("entries of ", Symbols.Theta),
            ],
            rows));
    }

    private static void NetworkCorrections(Derivation d, List<DocumentBlock> doc)
    {
        var hasSoftmax = false;
        var hasSigmoid = false;
        foreach (var layer in d.Layers)
        {
            hasSoftmax |= layer.Activation == ActivationKind.Softmax;
            hasSigmoid |= layer.Activation == ActivationKind.Sigmoid;
        }

        if (hasSoftmax)
        {
            Correction(
                doc,
                "softmax is ",
                M(
                    "softmax(z)ᵢ = e^{zᵢ} / Σⱼ e^{zⱼ}",
                    @"\operatorname{softmax}(z)_i = e^{z_i} / \sum_j e^{z_j}"),
                "; the paper's Definition 4 repeats the sigmoid formula.");
        }

        if (hasSigmoid)
        {
            Correction(
                doc,
                "the sigmoid ",
                M("σ(z) = 1 / (1 + e^{−z})", @"\sigma(z) = 1 / (1 + e^{-z})"),
                " has range (0, 1), open at both ends; section 3.2 of the paper writes [0, 1].");
        }

        if (d.InputSize == 784 && d.LayerCount == 3 && d.Layers[0].Units == 300
            && d.Layers[1].Units == 100)
        {
            Correction(
                doc,
                "this is LeNet-300-100 (300 hidden units, then 100); the paper names it "
                + "LeNet-100-300 and mixes the two widths in section 3.3.");
        }
    }

    private static void Forward(Derivation d, List<DocumentBlock> doc)
    {
        Heading(doc, 1, "2. The forward pass");
        doc.Add(new ArrayBlock(
            M("a^[0] = x", "a^{[0]} = x"),
            d.X,
            ArrayStyle.Vector));
        foreach (var step in d.Forward)
        {
            var l = step.Layer.Number;
            Heading(
                doc,
                2,
                $"Layer {Symbols.Int(l)} ({ActivationNames.ToName(step.Layer.Activation)})");
            doc.Add(new ArrayBlock(
                MathText.Join(
                    Symbols.Z(l), M(" = ", " = "), Symbols.WTransposed(l), M(" ", " "),
                    Symbols.A(l - 1), M(" + ", " + "), Symbols.B(l)),
                step.Z,
                ArrayStyle.Vector));
            var name = MathText.Join(
                Symbols.A(l), M(" = ", " = "), Symbols.Activation(step.Layer.Activation),
                M("(", "("), Symbols.Z(l), M(")", ")"));
            if (l == d.LayerCount)
            {
                name = MathText.Join(Symbols.YHat, M(" = ", " = "), name);
            }

            doc.Add(new ArrayBlock(name, step.A, ArrayStyle.Vector));
        }
    }

    private static string Plural(int n, string noun) =>
        n == 1 ? $"1 {noun}" : $"{Symbols.Int(n)} {noun}s";
}
