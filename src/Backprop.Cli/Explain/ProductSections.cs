using Backprop.Activations;
using Backprop.Jacobians;
using static Backprop.Cli.Explain.DocumentBuilder;

namespace Backprop.Cli.Explain;

/// <summary>
/// Steps 4 to 6 of the explanation: the factors of Algorithm 1, the blocks of J_θ z^[L] they
/// multiply into, and the gradient ∇_θ ℓ = (J_θ z^[L])ᵀ ∇_{z^[L]} ℓ.
/// </summary>
internal static class ProductSections
{
    public static void Factors(Derivation d, List<DocumentBlock> doc)
    {
        Heading(doc, 1, "4. The factors");
        Para(
            doc,
            "Algorithm 1 builds ",
            Symbols.ThetaJacobian(d.LayerCount),
            " from three kinds of factor: the activation Jacobians ",
            M("D^[l]", "D^{[l]}"),
            " of the hidden layers, the transposed weights ",
            M("(W^[l])ᵀ", @"(W^{[l]})^{\top}"),
            " that carry a change of ",
            M("a^[l-1]", "a^{[l-1]}"),
            " into ",
            M("z^[l]", "z^{[l]}"),
            ", and each layer's parameter Jacobian ",
            M(
                "J_{W^[l],b^[l]} z^[l] = [I ⊗ (a^[l-1])ᵀ | I]",
                @"J_{W^{[l]},b^{[l]}} z^{[l]} = "
                    + @"\left[\, I \otimes (a^{[l-1]})^{\top} \;\middle|\; I \,\right]"),
            ".");
        var rows = new List<IReadOnlyList<IReadOnlyList<Run>>>();
        foreach (var factor in d.Factors)
        {
            rows.Add([
                Run.Of(factor.Name),
                Run.Of(factor.Meaning),
                Run.Of(Symbols.Shape(factor.Value.Rows, factor.Value.Columns)),
                Run.Of(StructureName(factor.Value.Structure)),
                Run.Of(Symbols.Int(StoredCount(factor))),
            ]);
        }

        doc.Add(new TableBlock(
            [Run.Of("factor"), Run.Of("Jacobian"), Run.Of("shape"), Run.Of("structure"),
                Run.Of("values stored")],
            rows));
        Correction(
            doc,
            "the block diagonal of layer ",
            V("l"),
            "'s parameter Jacobian holds the layer's input ",
            M("a^[l-1]", "a^{[l-1]}"),
            " (",
            Symbols.X,
            " for layer 1); the paper's Algorithm 1 (line 3) and section 3.3 write ",
            M("a^[l]", "a^{[l]}"),
            ". The chain between ",
            M("(W^[L])ᵀ", @"(W^{[L]})^{\top}"),
            " and layer ",
            V("l"),
            " alternates the transposed weights with the activation Jacobians ",
            M("D^[k]", "D^{[k]}"),
            ", which the paper labels as parameter Jacobians.");
        foreach (var factor in d.Factors)
        {
            Heading(doc, 2, factor.Name, M(" = ", " = "), factor.Meaning);
            switch (factor.Role)
            {
                case FactorRole.ActivationJacobian:
                    ActivationFactor(factor, doc);
                    break;
                case FactorRole.TransposedWeights:
                    Para(
                        doc,
                        "Row ",
                        V("j"),
                        " holds the weights into unit ",
                        V("j"),
                        $" of layer {Symbols.Int(factor.Layer.Number)}.");
                    doc.Add(new ArrayBlock(factor.Name, factor.Value, ArrayStyle.Matrix));
                    break;
                default:
                    ParameterFactor(factor, doc);
                    break;
            }
        }
    }

    public static void Blocks(Derivation d, List<DocumentBlock> doc, long maxEntries)
    {
        var L = d.LayerCount;
        Heading(doc, 1, "5. The blocks of ", Symbols.ThetaJacobian(L));
        if (L == 1)
        {
            Para(
                doc,
                "With one layer there is no chain: ",
                Symbols.ThetaJacobian(1),
                " is the layer's parameter Jacobian. Its columns follow ",
                Symbols.Theta,
                ".");
        }
        else
        {
            Para(
                doc,
                "Layer ",
                V("l"),
                "'s block of ",
                Symbols.ThetaJacobian(L),
                " is the chain ",
                M(
                    "J_{z^[l]} z^[L] = (W^[L])ᵀ D^[L-1] ⋯ (W^[l+1])ᵀ D^[l]",
                    @"J_{z^{[l]}} z^{[L]} = (W^{[L]})^{\top} D^{[L-1]} \cdots "
                        + @"(W^{[l+1]})^{\top} D^{[l]}"),
                " (here ",
                M($"L = {Symbols.Int(L)}", $"L = {Symbols.Int(L)}"),
                "), which carries a change of ",
                M("z^[l]", "z^{[l]}"),
                " to the output logits, times the layer's parameter Jacobian. Its columns "
                + "follow ",
                Symbols.Theta,
                ": ",
                M("Vec(W^[l])", @"\operatorname{Vec}(W^{[l]})"),
                ", then ",
                M("b^[l]", "b^{[l]}"),
                ". Evaluated right to left with a vector this product is backpropagation; "
                + "here it is evaluated as matrices.");
        }

        var allShown = true;
        foreach (var block in d.Blocks)
        {
            allShown &= block.Value.Fits(maxEntries);
            Block(d, block, doc);
        }

        Heading(doc, 2, "The whole Jacobian ", Symbols.ThetaJacobian(L));
        var parts = new List<ShapedFactor>();
        foreach (var block in d.Blocks)
        {
            parts.Add(new ShapedFactor(
                Symbols.ParameterJacobian(block.Layer.Number, L),
                block.Value.Rows,
                block.Value.Columns));
        }

        doc.Add(new ProductBlock(
            Symbols.ThetaJacobian(L), parts, true, d.ThetaJacobian.Rows, d.ThetaJacobian.Columns));
        if (allShown && d.Blocks.Count > 1)
        {
            Para(doc, "Its entries are the blocks above, side by side.");
        }
        else if (d.Blocks.Count > 1)
        {
            doc.Add(new ArrayBlock(Symbols.ThetaJacobian(L), d.ThetaJacobian, ArrayStyle.Matrix));
        }
    }

    public static void Gradient(Derivation d, List<DocumentBlock> doc)
    {
        var L = d.LayerCount;
        var P = d.ParameterCount;
        Heading(doc, 1, "6. The gradient ", Symbols.ThetaGradient);
        doc.Add(new ProductBlock(
            Symbols.ThetaGradient,
            [
                new ShapedFactor(
                    MathText.Join(M("(", "("), Symbols.ThetaJacobian(L), M(")ᵀ", @")^{\top}")),
                    P,
                    d.OutputSize),
                new ShapedFactor(Symbols.ZGradient(L), d.OutputSize, 1),
            ],
            false,
            P,
            1));
        Para(
            doc,
            "Read back into the parameters' shapes (",
            M("∇_{W^[l]} ℓ", @"\nabla_{W^{[l]}} \ell"),
            " is inputs ",
            M("×", @"\times"),
            " units, like ",
            M("W^[l]", "W^{[l]}"),
            "):");
        foreach (var gradient in d.Gradients)
        {
            doc.Add(new ArrayBlock(
                gradient.Name,
                gradient.Value,
                gradient.IsWeights ? ArrayStyle.Matrix : ArrayStyle.Vector));
        }

        Heading(doc, 2, "The same numbers by backpropagation");
        Para(
            doc,
            "Backpropagation never forms ",
            Symbols.ThetaJacobian(L),
            ": it applies the transposed factors to the vector ",
            Symbols.ZGradient(L),
            " one at a time, from the output back to layer 1. At layer ",
            V("l"),
            " it holds ",
            M(
                $"∇_{{z^[l]}} ℓ = (J_{{z^[l]}} z^[{L}])ᵀ ∇_{{z^[{L}]}} ℓ",
                $@"\nabla_{{z^{{[l]}}}} \ell = (J_{{z^{{[l]}}}} z^{{[{L}]}})^{{\top}} "
                    + $@"\nabla_{{z^{{[{L}]}}}} \ell"),
            ", and then ",
            M(
                "∇_{W^[l]} ℓ = a^[l-1] (∇_{z^[l]} ℓ)ᵀ",
                @"\nabla_{W^{[l]}} \ell = a^{[l-1]} (\nabla_{z^{[l]}} \ell)^{\top}"),
            " (an outer product, inputs ",
            M("×", @"\times"),
            " units) and ",
            M("∇_{b^[l]} ℓ = ∇_{z^[l]} ℓ", @"\nabla_{b^{[l]}} \ell = \nabla_{z^{[l]}} \ell"),
            ":");
        for (var i = d.Blocks.Count - 1; i >= 0; i--)
        {
            var block = d.Blocks[i];
            doc.Add(new ArrayBlock(
                Symbols.ZGradient(block.Layer.Number), block.ZGradient, ArrayStyle.Vector));
        }

        Para(
            doc,
            "In all: ",
            MathText.Join(Symbols.LossSymbol, M(" = ", " = "), Symbols.Number(d.LossValue)),
            " and ",
            MathText.Join(
                M("‖∇_θ ℓ‖ = ", @"\lVert \nabla_{\theta} \ell \rVert = "),
                Symbols.Number(d.ThetaGradient.Statistics.FrobeniusNorm)),
            ".");
    }

    public static string StructureName(FactorStructure structure) => structure switch
    {
        FactorStructure.Diagonal => "diagonal",
        FactorStructure.Identity => "identity",
        FactorStructure.Kronecker => "Kronecker",
        _ => "dense",
    };

    private static long StoredCount(FactorStep factor) => factor.Role switch
    {
        FactorRole.ParameterJacobian => factor.Input!.Rows,
        _ when factor.Diagonal is not null => factor.Diagonal.Rows,
        _ => factor.Value.Entries,
    };

    private static void ActivationFactor(FactorStep factor, List<DocumentBlock> doc)
    {
        var l = factor.Layer.Number;
        var kind = factor.Layer.Activation;
        if (factor.Diagonal is null)
        {
            // Softmax is the only activation that mixes units.
            Para(
                doc,
                "Softmax mixes its units, so its Jacobian is dense: ",
                M(
                    $"D^[{l}] = diag(a^[{l}]) − a^[{l}] (a^[{l}])ᵀ",
                    $@"D^{{[{l}]}} = \operatorname{{diag}}(a^{{[{l}]}}) "
                        + $@"- a^{{[{l}]}} (a^{{[{l}]}})^{{\top}}"),
                ", symmetric, with rows summing to 0.");
            doc.Add(new ArrayBlock(factor.Name, factor.Value, ArrayStyle.Matrix));
            return;
        }

        Para(doc, "Element-wise, so diagonal: ", DerivativeRule(kind), ".");
        var name = MathText.Join(
            factor.Name, M(" = diag(", @" = \operatorname{diag}("), Symbols.Derivative(kind),
            M("(", "("), Symbols.Z(l), M("))", "))"));
        doc.Add(new ArrayBlock(name, factor.Diagonal, ArrayStyle.Diagonal));
        var units = factor.ZeroUnits;
        if (units.Count == 0)
        {
            if (kind == ActivationKind.Relu)
            {
                Note(doc, $"all {Symbols.Int(factor.Layer.Units)} units are active (z > 0), so ",
                    factor.Name, " is the identity.");
            }

            return;
        }

        var many = units.Count > 12;
        var where = many
            ? $"at {Symbols.Int(units.Count)} of the {Symbols.Int(factor.Layer.Units)} units "
                + $"({List(units)})"
            : $"at unit{(units.Count == 1 ? "" : "s")} {List(units)}";
        var rows = many ? "those rows" : $"row{(units.Count == 1 ? "" : "s")} {List(units)}";
        Note(
            doc,
            $"the derivative is 0 {where}",
            kind == ActivationKind.Relu ? ", where " : "",
            kind == ActivationKind.Relu ? M("z ≤ 0", @"z \le 0") : M("", ""),
            kind == ActivationKind.Relu ? " (at the kink " : "",
            kind == ActivationKind.Relu ? M("z = 0", "z = 0") : M("", ""),
            kind == ActivationKind.Relu ? " it is taken as 0)" : "",
            ". Multiplying by ",
            factor.Name,
            $" deletes {rows} of ",
            Symbols.Kronecker(l, factor.Layer.Units),
            ": the weights and biases of "
            + (units.Count == 1 ? "that unit" : "those units")
            + " get no gradient from this sample.");
    }

    private static MathText DerivativeRule(ActivationKind kind) => kind switch
    {
        ActivationKind.Relu => M(
            "relu′(z) = 1 for z > 0, 0 for z ≤ 0",
            @"\operatorname{relu}'(z) = 1 \text{ for } z > 0,\ 0 \text{ for } z \le 0"),
        ActivationKind.LeakyRelu => M(
            "leaky-relu′(z) = 1 for z > 0, 0.01 for z ≤ 0",
            @"\operatorname{leaky-relu}'(z) = 1 \text{ for } z > 0,\ 0.01 \text{ for } z \le 0"),
        ActivationKind.Sigmoid => M(
            "σ′(z) = σ(z) (1 − σ(z))", @"\sigma'(z) = \sigma(z) (1 - \sigma(z))"),
        ActivationKind.Tanh => M("tanh′(z) = 1 − tanh²(z)", @"\tanh'(z) = 1 - \tanh^2(z)"),
        _ => M("identity′(z) = 1", @"\operatorname{identity}'(z) = 1"),
    };

    private static void ParameterFactor(FactorStep factor, List<DocumentBlock> doc)
    {
        var layer = factor.Layer;
        var n = layer.Inputs;
        var input = layer.Number == 1 ? Symbols.X : Symbols.A(layer.Number - 1);
        var inputT = Symbols.InputTransposed(layer.Number);
        Para(
            doc,
            "Row ",
            V("j"),
            " holds ",
            inputT,
            " in columns ",
            M($"{n}(j − 1) + 1 … {n}j", $@"{n}(j - 1) + 1 \dots {n}j"),
            ", the entries of ",
            M($"Vec(W^[{layer.Number}])", $@"\operatorname{{Vec}}(W^{{[{layer.Number}]}})"),
            " for the weights into unit ",
            V("j"),
            ", and a 1 in column ",
            M($"{Symbols.Int(layer.Weights.Count)} + j", $"{Symbols.Int(layer.Weights.Count)} + j"),
            ", for the bias ",
            M($"b^[{layer.Number}]ⱼ", $"b^{{[{layer.Number}]}}_j"),
            "; every other entry is 0. Only ",
            input,
            $" ({Symbols.Int(n)} value{(n == 1 ? "" : "s")}) is stored.");
        doc.Add(new ArrayBlock(factor.Name, factor.Value, ArrayStyle.Matrix));
    }

    private static void Block(Derivation d, BlockStep block, List<DocumentBlock> doc)
    {
        var L = d.LayerCount;
        var l = block.Layer.Number;
        var name = Symbols.ParameterJacobian(l, L);
        Heading(doc, 2, $"Layer {Symbols.Int(l)}: ", name);
        var factors = new List<ShapedFactor>();
        foreach (var factor in block.Product)
        {
            factors.Add(new ShapedFactor(factor.Name, factor.Value.Rows, factor.Value.Columns));
        }

        doc.Add(new ProductBlock(name, factors, false, block.Value.Rows, block.Value.Columns));
        if (l == L)
        {
            // The last layer's chain is the identity: the block repeats a factor of step 4.
            Para(
                doc,
                L == 1 ? "There is no chain " : "For the last layer the chain is the identity ",
                L == 1
                    ? M("", "")
                    : M($"I{Symbols.Subscript(d.OutputSize)}", $"I_{{{d.OutputSize}}}"),
                L == 1 ? "to multiply: " : ", so ",
                "the block is the parameter Jacobian itself, shown in step 4.");
            return;
        }

        var chainFactors = new List<MathText>();
        for (var i = 0; i < block.Product.Count - 1; i++)
        {
            chainFactors.Add(block.Product[i].Name);
        }

        var chain = MathText.Join(
            Symbols.Chain(l, L), M(" = ", " = "), MathText.Join(M(" ", " "), chainFactors));
        doc.Add(new ArrayBlock(chain, block.Chain, ArrayStyle.Matrix));
        doc.Add(new ArrayBlock(name, block.Value, ArrayStyle.Matrix));
    }
}
