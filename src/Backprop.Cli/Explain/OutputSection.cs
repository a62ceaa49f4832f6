using Backprop.Activations;
using Backprop.Losses;
using static Backprop.Cli.Explain.DocumentBuilder;

namespace Backprop.Cli.Explain;

/// <summary>
/// Step 3 of the explanation: ∇_{z^[L]} ℓ from the last activation and the loss, by the
/// paper's Table 1 when the pair is fused, else by the general chain rule.
/// </summary>
internal static class OutputSection
{
    public static void Write(Derivation d, List<DocumentBlock> doc)
    {
        var L = d.LayerCount;
        var output = d.Output;
        Heading(doc, 1, "3. The output gradient ", Symbols.ZGradient(L));
        var activation = ActivationNames.ToName(output.Activation);
        var loss = LossNames.ToName(output.Loss);
        if (output.IsFused)
        {
            Para(
                doc,
                $"The last activation is {activation} and the loss is {loss}: one of the paper's "
                + "Table 1 pairs. The chain rule through ",
                M($"f^[{L}]", $"f^{{[{L}]}}"),
                " collapses to a short formula in ",
                Symbols.Y,
                " and ",
                Symbols.YHat,
                ", computed from the logits ",
                Symbols.Z(L),
                ":");
            Equation(doc, Symbols.ZGradient(L), FusedFormula(output));
            SoftmaxTargetNote(output, doc);
        }
        else
        {
            Para(
                doc,
                $"The last activation is {activation} and the loss is {loss}: not a Table 1 pair, "
                + "so the general chain rule applies: the transposed Jacobian of the last "
                + "activation times the gradient of the loss with respect to ",
                Symbols.YHat,
                ":");
            Equation(
                doc,
                Symbols.ZGradient(L),
                MathText.Join(
                    M(
                        $"(J_z f^[{L}](z^[{L}]))ᵀ ",
                        $@"(J_{{z}} f^{{[{L}]}}(z^{{[{L}]}}))^{{\top}} "),
                    Symbols.YHatGradient,
                    M($" = (D^[{L}])ᵀ ", $@" = (D^{{[{L}]}})^{{\top}} "),
                    Symbols.YHatGradient));
            Para(doc, "where the gradient of the loss with respect to the output is");
            Equation(doc, Symbols.YHatGradient, LossGradientFormula(output.Loss));
        }

        doc.Add(new ArrayBlock(Symbols.Y, output.Target, ArrayStyle.Vector));
        doc.Add(new ArrayBlock(Symbols.YHat, output.Output, ArrayStyle.Vector));
        if (output.OutputLossGradient is not null)
        {
            doc.Add(new ArrayBlock(
                Symbols.YHatGradient, output.OutputLossGradient, ArrayStyle.Vector));
        }

        if (output.ActivationDiagonal is not null)
        {
            var name = MathText.Join(Symbols.D(L), M(" = diag(", @" = \operatorname{diag}("),
                Symbols.Derivative(output.Activation), M("(", "("), Symbols.Z(L), M("))", "))"));
            doc.Add(new ArrayBlock(name, output.ActivationDiagonal, ArrayStyle.Diagonal));
        }
        else if (output.ActivationJacobian is not null)
        {
            doc.Add(new ArrayBlock(Symbols.D(L), output.ActivationJacobian, ArrayStyle.Matrix));
        }

        doc.Add(new ArrayBlock(Symbols.ZGradient(L), output.Value, ArrayStyle.Vector));
        Para(doc, "The loss of this sample is ", MathText.Join(Symbols.LossSymbol, M(" = ", " = "),
            Symbols.Number(d.LossValue)), ".");
        OutputCorrections(d, doc);
    }

    private static MathText LossGradientFormula(LossKind loss) => loss switch
    {
        LossKind.SquaredError => M("−2(y − ŷ)", @"-2(y - \hat{y})"),
        LossKind.CrossEntropy => M(
            "−y ⊘ ŷ  (element-wise division)",
            @"-y \oslash \hat{y} \quad \text{(element-wise division)}"),
        _ => M(
            "−y ⊘ ŷ + (1 − y) ⊘ (1 − ŷ)  (element-wise division)",
            @"-y \oslash \hat{y} + (1 - y) \oslash (1 - \hat{y})"
                + @" \quad \text{(element-wise division)}"),
    };

    private static MathText FusedFormula(OutputGradientStep output) => output.Activation switch
    {
        ActivationKind.Identity => M("−2(y − ŷ)", @"-2(y - \hat{y})"),
        ActivationKind.Softmax when Math.Abs(output.TargetSum - 1) > 1e-12 =>
            M("(Σᵢ yᵢ) ŷ − y", @"\Bigl(\sum_i y_i\Bigr) \hat{y} - y"),
        _ => M("−(y − ŷ)", @"-(y - \hat{y})"),
    };

    private static void SoftmaxTargetNote(OutputGradientStep output, List<DocumentBlock> doc)
    {
        if (output.Activation != ActivationKind.Softmax)
        {
            return;
        }

        if (Math.Abs(output.TargetSum - 1) > 1e-12)
        {
            Note(
                doc,
                "for softmax with cross-entropy the gradient is ",
                M("(Σᵢ yᵢ) ŷ − y", @"\bigl(\sum_i y_i\bigr) \hat{y} - y"),
                "; it is Table 1's ",
                M("−(y − ŷ)", @"-(y - \hat{y})"),
                " only when the target sums to 1, and here ",
                M("Σᵢ yᵢ = ", @"\sum_i y_i = "),
                Symbols.Number(output.TargetSum),
                ".");
        }
        else
        {
            Note(
                doc,
                "for softmax with cross-entropy the gradient is ",
                M("(Σᵢ yᵢ) ŷ − y", @"\bigl(\sum_i y_i\bigr) \hat{y} - y"),
                ", which is Table 1's formula because this target sums to 1.");
        }
    }

    private static void OutputCorrections(Derivation d, List<DocumentBlock> doc)
    {
        var output = d.Output;
        if (d.LayerCount == 2)
        {
            Correction(
                doc,
                "for a two-layer network the last logits are ",
                Symbols.Z(2),
                "; the final formula of the paper's section 3.2 writes ",
                M("∇_{z^[3]}", @"\nabla_{z^{[3]}}"),
                ".");
        }

        if (d.LayerCount == 1 && d.OutputSize == 1 && output.IsFused
            && output.Activation == ActivationKind.Identity)
        {
            Correction(
                doc,
                M(
                    "∇_θ (y − ŷ)² = −2 [x; 1] (y − ŷ)",
                    @"\nabla_{\theta} (y - \hat{y})^2 = -2 [x; 1] (y - \hat{y})"),
                "; Proposition 5 and Table 2 of the paper drop the minus sign.");
        }

        if (d.LayerCount == 1 && d.OutputSize == 1 && output.IsFused
            && output.Activation == ActivationKind.Sigmoid)
        {
            Correction(
                doc,
                "the prediction is ",
                M("ŷ = σ(wᵀx + b)", @"\hat{y} = \sigma(w^{\top} x + b)"),
                " with w the weights; Table 2 of the paper writes ",
                M("σ(θᵀx)", @"\sigma(\theta^{\top} x)"),
                ", but θ also holds the bias b.");
        }
    }
}
