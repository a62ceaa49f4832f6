using System.CommandLine;
using Backprop.Cli.Explain;
using Backprop.Cli.Plots;
using Backprop.Jacobians;
using Backprop.Networks;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>backprop explain CASE.json</c>: the paper's derivation of the gradient for the user's own
/// network, step by step, as text, Markdown, LaTeX or JSON.
/// </summary>
internal static class ExplainCommand
{
    /// <summary>The largest array printed in full as text, Markdown or LaTeX.</summary>
    /// <remarks>Every array of the paper's 4 → 5 → 3 example fits (J_θ z is 3 × 43).</remarks>
    public const int DefaultMaxEntries = 150;

    /// <summary>The largest array written in full by the JSON format.</summary>
    public const int DefaultJsonMaxEntries = 100_000;

    /// <summary>The largest --max-entries accepted: about 20 MB of text per array shown.
    /// </summary>
    public const int MaxEntriesCap = 1_000_000;

    /// <summary>The output formats, as --format accepts them.</summary>
    public static readonly string[] Formats = ["text", "markdown", "latex", "json"];

    public static Command Create()
    {
        var caseArgument = new Argument<string>("case")
        {
            Description = "A case file: network, parameters, x and y (see docs/case-format.md).",
        };
        var format = CommandOptions.OneOf(
            "--format",
            "text",
            Formats,
            "text (terminal), markdown, latex (a fragment for amsmath) or json "
                + "(see docs/explain-json.md).");
        format.Aliases.Add("-f");
        var maxEntries = new Option<int?>("--max-entries")
        {
            Description = $"Print a matrix or vector in full when it has at most N entries, "
                + $"else a summary. Default {DefaultMaxEntries}; {DefaultJsonMaxEntries} for json; "
                + $"at most {MaxEntriesCap:N0}.",
            HelpName = "N",
            CustomParser = result => CommandOptions.ParseInteger(
                result, "--max-entries", 0, MaxEntriesCap),
        };
        var maxMemory = MemoryLimit.CreateOption("the explicit factors");
        var plot = new Option<string?>("--plot")
        {
            Description = "Also draw J_θ z^[L] as a heat map PNG, layer blocks outlined; "
                + "for each conv2d layer l also FILE-teopL.png, its banded Teop(K).",
            HelpName = "FILE.png",
        };
        var command = new Command(
            "explain",
            "Show the gradient of one sample as the paper derives it: every Jacobian factor "
                + "with its shape and structure, each layer's block of J_θ z^[L], and ∇θ ℓ.")
        {
            caseArgument,
            format,
            maxEntries,
            plot,
            maxMemory,
        };
        command.SetAction(parse => CommandRunner.Guard(parse.InvocationConfiguration.Error, () =>
        {
            var chosen = parse.GetValue(format)!;
            var limit = parse.GetValue(maxEntries);
            CheckOptions(chosen, limit);
            var casePath = parse.GetValue(caseArgument)!;
            var plotPath = parse.GetValue(plot);
            if (plotPath is not null)
            {
                CheckPlotPath(plotPath, casePath);
            }

            var item = GradientComputation.Load(casePath);
            var result = Compute(item, parse.GetValue(maxMemory) ?? MemoryLimit.Default);
            if (plotPath is not null)
            {
                JacobianHeatmap.Save(
                    result.ThetaJacobian, Blocks(result), plotPath, $"J_θ z^[L] of {item.Name}");
                SaveToeplitzPlots(result, plotPath, item.Name);
            }

            parse.InvocationConfiguration.Output.Write(Render(item, result, chosen, limit));
            return 0;
        }));
        return command;
    }

    // Checked before the case is read, so a mistyped path is reported as one line, exit 2.
    private static void CheckPlotPath(string plotPath, string casePath)
    {
        if (!plotPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException(
                $"--plot {plotPath}: the heat map is a PNG; give a name ending in .png");
        }

        if (Path.GetFullPath(plotPath) == Path.GetFullPath(casePath))
        {
            throw new UsageException($"--plot {plotPath}: that is the case file itself");
        }

        try
        {
            AtomicFile.CheckDestination(plotPath, "--plot");
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--plot {plotPath}: {e.Message.Split(" (Parameter")[0]}");
        }
    }

    // A dense network's derivation also copies each layer's block of J_θ z^[L] out of it.
    private static JacobianResult Compute(CaseFile item, long limit)
    {
        var network = item.Network;
        JacobianMemoryPart? blocks = LayerFactorsRenderer.Applies(network)
            ? null
            : new JacobianMemoryPart(
                "the layer blocks of J_θ z^[L]",
                network.OutputSize,
                network.ParameterCount,
                (long)network.OutputSize * network.ParameterCount,
                8,
                IsSingleArray: false);
        return GradientComputation.Explicit(
            item,
            limit,
            "explain shows every factor explicitly; explain a smaller network, or "
                + GradientComputation.GradFastAdvice,
            blocks);
    }

    /// <summary>The column range of each layer's block of J_θ z^[L], for the heat map.</summary>
    /// <param name="result">The Jacobian engine's result.</param>
    /// <returns>One labelled range per layer, in θ order.</returns>
    internal static List<(string Label, int StartColumn, int ColumnCount)> Blocks(
        JacobianResult result)
    {
        var blocks = new List<(string Label, int StartColumn, int ColumnCount)>();
        var parameters = result.Network.Parameters;
        foreach (var trace in result.Layers)
        {
            var weights = result.Network.WeightParameterIndex(trace.Index);
            if (weights < 0)
            {
                continue;
            }

            var label = $"{parameters[weights].Name},{parameters[weights + 1].Name}";
            blocks.Add((label, trace.ThetaOffset, trace.ThetaCount));
        }

        return blocks;
    }

    /// <summary>The largest Teop(K), in entries, drawn as a heat map.</summary>
    internal const long MaxToeplitzPlotEntries = 4_000_000;

    /// <summary>Draws Teop(K) of each convolution beside the main plot: PATH-teopL.png.
    /// </summary>
    /// <param name="result">The Jacobian engine's result.</param>
    /// <param name="plotPath">The main plot's path.</param>
    /// <param name="name">The case name, for titles.</param>
    internal static void SaveToeplitzPlots(JacobianResult result, string plotPath, string name)
    {
        var stem = Path.Combine(
            Path.GetDirectoryName(Path.GetFullPath(plotPath))!,
            Path.GetFileNameWithoutExtension(plotPath));
        foreach (var trace in result.Layers)
        {
            if (trace.InputJacobian is not ToeplitzFactor teop)
            {
                continue;
            }

            var l = trace.Index + 1;
            if ((long)teop.Rows * teop.Columns > MaxToeplitzPlotEntries)
            {
                // Drawing needs the dense matrix; beyond this size it would not fit in memory.
                Console.Error.WriteLine(
                    $"note: Teop(K) of layer {l} is {teop.Rows} × {teop.Columns}; too large "
                    + "to draw, skipped");
                continue;
            }

            JacobianHeatmap.Save(
                teop.ToMatrix(),
                [($"Teop(K) of layer {l}", 0, teop.Columns)],
                $"{stem}-teop{l}.png",
                $"Teop(K) of layer {l} of {name}: banded, doubly block Toeplitz");
        }
    }

    /// <summary>Renders the derivation of a case in one format.</summary>
    /// <param name="item">The case: its parameters supply (W^[l])ᵀ and its target y.</param>
    /// <param name="result">The Jacobian engine's result for the case.</param>
    /// <param name="format">text, markdown, latex or json.</param>
    /// <param name="maxEntries">The largest array shown in full, or null for the default.</param>
    /// <returns>The whole output.</returns>
    /// <exception cref="UsageException">The format is unknown or the limit is negative.</exception>
    public static string Render(
        CaseFile item,
        JacobianResult result,
        string format,
        int? maxEntries)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(result);
        CheckOptions(format, maxEntries);
        var limit = maxEntries ?? (format == "json" ? DefaultJsonMaxEntries : DefaultMaxEntries);
        if (LayerFactorsRenderer.Applies(result.Network))
        {
            return LayerFactorsRenderer.Render(item, result, format, limit);
        }

        var derivation = DerivationBuilder.Build(item, result);
        if (format == "json")
        {
            return JsonRenderer.Render(derivation, limit);
        }

        var document = DocumentBuilder.Build(derivation, limit);
        return format switch
        {
            "markdown" => MarkdownRenderer.Render(document, limit),
            "latex" => LatexRenderer.Render(document, limit),
            _ => TextRenderer.Render(document, limit),
        };
    }

    // Checked before the case is read, so a mistyped option is reported as one line, exit 2.
    private static void CheckOptions(string format, int? maxEntries)
    {
        if (!Formats.Contains(format))
        {
            throw new UsageException(
                $"--format '{format}' is not known; use one of {string.Join(", ", Formats)}.");
        }

        if (maxEntries < 0)
        {
            throw new UsageException($"--max-entries must be 0 or more, got {maxEntries}.");
        }
    }
}
