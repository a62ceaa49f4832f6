using System.Globalization;
using System.Text;
using Backprop.Activations;
using Backprop.Losses;

namespace Backprop.Cli.Explain;

/// <summary>The paper's symbols, in Unicode and LaTeX, with layers numbered from 1.</summary>
internal static class Symbols
{
    private const string SuperscriptDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    private const string SubscriptDigits = "₀₁₂₃₄₅₆₇₈₉";

    public static MathText X => new("x", "x");

    public static MathText Y => new("y", "y");

    public static MathText YHat => new("ŷ", @"\hat{y}");

    public static MathText Theta => new("θ", @"\theta");

    public static MathText LossSymbol => new("ℓ", @"\ell");

    public static MathText ThetaGradient => new("∇_θ ℓ", @"\nabla_{\theta} \ell");

    public static MathText YHatGradient => new("∇_ŷ ℓ", @"\nabla_{\hat{y}} \ell");

    /// <summary>Writes n with Unicode superscript digits.</summary>
    public static string Superscript(long n) => Map(n, SuperscriptDigits);

    /// <summary>Writes n with Unicode subscript digits.</summary>
    public static string Subscript(long n) => Map(n, SubscriptDigits);

    /// <summary>Writes an integer with InvariantCulture.</summary>
    public static string Int(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A symbol with a layer superscript: W^[l].</summary>
    public static MathText Layer(string name, int layer) =>
        new($"{name}^[{layer}]", $"{name}^{{[{layer}]}}");

    public static MathText W(int layer) => Layer("W", layer);

    public static MathText B(int layer) => Layer("b", layer);

    public static MathText Z(int layer) => Layer("z", layer);

    public static MathText D(int layer) => Layer("D", layer);

    /// <summary>a^[l], which is x for l = 0.</summary>
    public static MathText A(int layer) => layer == 0 ? X : Layer("a", layer);

    /// <summary>(W^[l])ᵀ.</summary>
    public static MathText WTransposed(int layer) =>
        new($"(W^[{layer}])ᵀ", $"(W^{{[{layer}]}})^{{\\top}}");

    /// <summary>vᵀ for a layer's input: xᵀ or (a^[l-1])ᵀ.</summary>
    public static MathText InputTransposed(int layer) => layer == 1
        ? new MathText("xᵀ", @"x^{\top}")
        : new MathText($"(a^[{layer - 1}])ᵀ", $"(a^{{[{layer - 1}]}})^{{\\top}}");

    /// <summary>[I_n ⊗ (a^[l-1])ᵀ | I_n], the layer's parameter Jacobian.</summary>
    public static MathText Kronecker(int layer, int units)
    {
        var input = InputTransposed(layer);
        var sub = Subscript(units);
        return new MathText(
            $"[I{sub} ⊗ {input.Unicode} | I{sub}]",
            $@"\left[\, I_{{{units}}} \otimes {input.Latex} \;\middle|\; I_{{{units}}} \,\right]");
    }

    /// <summary>J_{W^[l],b^[l]} z^[k].</summary>
    public static MathText ParameterJacobian(int layer, int of) => new(
        $"J_{{W^[{layer}],b^[{layer}]}} z^[{of}]",
        $"J_{{W^{{[{layer}]}},b^{{[{layer}]}}}} z^{{[{of}]}}");

    /// <summary>J_{z^[l]} z^[L].</summary>
    public static MathText Chain(int layer, int of) => new(
        $"J_{{z^[{layer}]}} z^[{of}]",
        $"J_{{z^{{[{layer}]}}}} z^{{[{of}]}}");

    /// <summary>J_{a^[l-1]} z^[l], the meaning of (W^[l])ᵀ.</summary>
    public static MathText InputJacobian(int layer) => new(
        $"J_{{a^[{layer - 1}]}} z^[{layer}]",
        $"J_{{a^{{[{layer - 1}]}}}} z^{{[{layer}]}}");

    /// <summary>J_θ z^[L].</summary>
    public static MathText ThetaJacobian(int of) =>
        new($"J_θ z^[{of}]", $"J_{{\\theta}} z^{{[{of}]}}");

    /// <summary>J_z f^[l](z^[l]), the meaning of D^[l].</summary>
    public static MathText ActivationJacobian(int layer) => new(
        $"J_z f^[{layer}](z^[{layer}])",
        $"J_{{z}} f^{{[{layer}]}}(z^{{[{layer}]}})");

    /// <summary>∇_{z^[l]} ℓ.</summary>
    public static MathText ZGradient(int layer) =>
        new($"∇_{{z^[{layer}]}} ℓ", $"\\nabla_{{z^{{[{layer}]}}}} \\ell");

    /// <summary>∇_{W^[l]} ℓ or ∇_{b^[l]} ℓ.</summary>
    public static MathText ParameterGradient(string name, int layer) => new(
        $"∇_{{{name}^[{layer}]}} ℓ",
        $"\\nabla_{{{name}^{{[{layer}]}}}} \\ell");

    /// <summary>rows × columns.</summary>
    public static MathText Shape(long rows, long columns) =>
        new($"{Int(rows)} × {Int(columns)}", $"{Int(rows)} \\times {Int(columns)}");

    /// <summary>ℝⁿ.</summary>
    public static MathText Reals(long n) =>
        new($"ℝ{Superscript(n)}", $"\\mathbf{{R}}^{{{Int(n)}}}");

    /// <summary>Writes an integer in both forms.</summary>
    public static MathText Number(long n) => MathText.Same(Int(n));

    /// <summary>Writes a scalar with six significant digits.</summary>
    public static MathText Number(double value)
    {
        var text = value.ToString("G6", CultureInfo.InvariantCulture);
        return new MathText(text.Replace('-', '−'), ValueFormat.LatexNumber(text));
    }

    /// <summary>An activation's name as an operator: relu, softmax, …</summary>
    public static MathText Activation(ActivationKind kind)
    {
        var name = ActivationNames.ToName(kind);
        return new MathText(name, $"\\operatorname{{{name}}}");
    }

    /// <summary>The derivative of an element-wise activation: relu′.</summary>
    public static MathText Derivative(ActivationKind kind)
    {
        var name = ActivationNames.ToName(kind);
        return new MathText(name + "′", $"\\operatorname{{{name}}}'");
    }

    /// <summary>The loss as a formula in ŷ and y.</summary>
    public static MathText LossFormula(LossKind kind) => kind switch
    {
        LossKind.CrossEntropy => new("−Σᵢ yᵢ log ŷᵢ", @"-\sum_i y_i \log \hat{y}_i"),
        LossKind.BinaryCrossEntropy => new(
            "−Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)]",
            @"-\sum_i \left[ y_i \log \hat{y}_i + (1 - y_i) \log(1 - \hat{y}_i) \right]"),
        _ => new("‖y − ŷ‖²", @"\lVert y - \hat{y} \rVert^2"),
    };

    /// <summary>θ = [Vec(W^[1]); b^[1]; …] for a network of the given depth.</summary>
    public static MathText ThetaStack(int layerCount)
    {
        var parts = new List<MathText>();
        for (var layer = 1; layer <= layerCount; layer++)
        {
            parts.Add(MathText.Join(new MathText("Vec(", @"\operatorname{Vec}("), W(layer),
                MathText.Same(")")));
            parts.Add(B(layer));
        }

        return MathText.Join(
            MathText.Same("["),
            MathText.Join(MathText.Same("; "), parts),
            MathText.Same("]"));
    }

    private static string Map(long n, string digits)
    {
        var text = new StringBuilder();
        foreach (var c in Int(n))
        {
            text.Append(c == '-' ? '⁻' : digits[c - '0']);
        }

        return text.ToString();
    }
}
