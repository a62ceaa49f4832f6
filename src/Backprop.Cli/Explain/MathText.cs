namespace Backprop.Cli.Explain;

/// <summary>A piece of mathematics written twice: in Unicode for terminals, and in LaTeX.</summary>
/// <param name="Unicode">The Unicode form, such as <c>(W^[2])ᵀ</c>.</param>
/// <param name="Latex">The LaTeX form (math mode), such as <c>(W^{[2]})^\top</c>.</param>
internal readonly record struct MathText(string Unicode, string Latex)
{
    /// <summary>Makes text that reads the same in both forms, such as <c> = </c>.</summary>
    public static MathText Same(string ascii) => new(ascii, ascii);

    /// <summary>Concatenates pieces.</summary>
    public static MathText Join(params MathText[] parts)
    {
        var unicode = new System.Text.StringBuilder();
        var latex = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            unicode.Append(part.Unicode);
            latex.Append(part.Latex);
        }

        return new MathText(unicode.ToString(), latex.ToString());
    }

    /// <summary>Joins pieces with a separator between them.</summary>
    public static MathText Join(MathText separator, IEnumerable<MathText> parts)
    {
        var list = new List<MathText>();
        foreach (var part in parts)
        {
            if (list.Count > 0)
            {
                list.Add(separator);
            }

            list.Add(part);
        }

        return Join([.. list]);
    }
}
