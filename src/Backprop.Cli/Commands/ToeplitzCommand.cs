using System.CommandLine;
using System.Globalization;
using System.Text;
using Backprop.Jacobians;
using Backprop.Layers;
using Backprop.Networks;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>backprop toeplitz --input HxW --kernel KHxKW</c>: prints Teop(K) of section 3.5,
/// symbolically and numerically.
/// </summary>
internal static class ToeplitzCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var input = new Option<string>("--input")
        {
            Description = "Input size HxW, such as 3x3.",
            Required = true,
        };
        var kernel = new Option<string>("--kernel")
        {
            Description = "Kernel size KHxKW, such as 2x2.",
            Required = true,
        };
        var stride = new Option<string>("--stride")
        {
            Description = "Stride S or SHxSW.",
            DefaultValueFactory = _ => "1",
        };
        var padding = new Option<string>("--padding")
        {
            Description = "Zero padding P or PHxPW on each side.",
            DefaultValueFactory = _ => "0",
        };
        var values = new Option<string?>("--values")
        {
            Description = "Kernel values k1,k2,… row by row (default 1, 2, …).",
        };
        var command = new Command(
            "toeplitz", "Print Teop(K), the matrix with X * K = Teop(K) Vec(Xᵀ) (section 3.5).")
        {
            input,
            kernel,
            stride,
            padding,
            values,
        };
        command.SetAction(parse => CommandRunner.Guard(parse.InvocationConfiguration.Error, () =>
        {
            var inputSize = ParseSize(parse.GetValue(input)!, "--input", 1);
            var kernelSize = ParseSize(parse.GetValue(kernel)!, "--kernel", 1);
            var strideSize = ParseSize(parse.GetValue(stride)!, "--stride", 1);
            var paddingSize = ParseSize(parse.GetValue(padding)!, "--padding", 0);
            var K = ParseValues(parse.GetValue(values), kernelSize.Area);
            var text = Render(inputSize, kernelSize, strideSize, paddingSize, K);
            parse.InvocationConfiguration.Output.Write(text);
            return 0;
        }));
        return command;
    }

    /// <summary>The largest Teop(K), in entries, that the command prints.</summary>
    public const long MaxPrintedEntries = 20_000;

    /// <summary>Renders Teop(K) symbolically, numerically, and the paper note when it applies.
    /// </summary>
    public static string Render(
        Size2d input,
        Size2d kernel,
        Size2d stride,
        Size2d padding,
        double[] K)
    {
        var layer = new Conv2dLayerDescription(
            1, kernel, stride, padding, Activations.ActivationKind.Identity);
        int[] output;
        try
        {
            output = layer.OutputShape([1, input.Rows, input.Columns]);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }

        // The matrix is printed twice, entry by entry: keep it to what a terminal can show.
        var entries = (long)output[1] * output[2] * input.Rows * input.Columns;
        if (entries > MaxPrintedEntries)
        {
            throw new UsageException(
                $"Teop(K) would be {output[1] * output[2]} × {input.Rows * input.Columns} = "
                + $"{entries} entries; at most {MaxPrintedEntries} are printed");
        }

        var g = new ConvolutionGeometry(1, input.Rows, input.Columns, kernel, stride, padding);
        var T = ToeplitzFactor.Create(K, g);
        var text = new StringBuilder();
        text.Append(Invariant, $"Teop(K) for a {input} input and a {kernel} kernel, ")
            .Append(Invariant, $"stride {stride}, padding {padding}: ")
            .Append(Invariant, $"{T.Rows} × {T.Columns}\n")
            .Append(Invariant, $"rows: the {output[1]}×{output[2]} outputs z(r,s), row by row; ")
            .Append("columns: the input x(i,j) row by row, Vec(Xᵀ)")
            .Append(padding != default
                ? "; padding zeros have no column\n\n"
                : "\n\n");
        var symbols = new string[T.Rows, T.Columns];
        var numbers = new string[T.Rows, T.Columns];
        for (var e = 0; e < T.EntryCount; e++)
        {
            var (row, column) = T.EntryPosition(e);
            symbols[row, column] = "k" + (T.KernelIndex(e) + 1).ToString(Invariant);
            numbers[row, column] = T.EntryValue(e).ToString("G6", Invariant);
        }

        text.Append("Symbolic (k1 … k")
            .Append(K.Length.ToString(Invariant))
            .Append(" are the kernel entries, row by row):\n");
        Table(text, symbols, output[2], input.Columns);
        text.Append("\nNumeric (K = ")
            .Append(string.Join(", ", K.Select(k => k.ToString("G6", Invariant))))
            .Append("):\n");
        Table(text, numbers, output[2], input.Columns);
        var paperExample = input == new Size2d(3, 3) && kernel == new Size2d(2, 2)
            && stride == new Size2d(1, 1) && padding == default;
        if (paperExample)
        {
            text.Append(
                "\nThis is the paper's example (section 3.5), corrected. The paper prints rows "
                + "3 and 4 shifted;\nthey start one input row lower, as above:\n"
                + "  row 3 = [0 0 0 k1 k2 0 k3 k4 0]\n  row 4 = [0 0 0 0 k1 k2 0 k3 k4]\n");
        }

        return text.ToString();
    }

    private static void Table(
        StringBuilder text,
        string[,] cells,
        int outputColumns,
        int inputColumns)
    {
        var (rows, columns) = (cells.GetLength(0), cells.GetLength(1));
        var width = 1;
        foreach (var cell in cells)
        {
            width = Math.Max(width, cell?.Length ?? 1);
        }

        text.Append(' ', 9);
        for (var j = 0; j < columns; j++)
        {
            var name = $"x{(j / inputColumns) + 1},{(j % inputColumns) + 1}";
            width = Math.Max(width, name.Length);
        }

        for (var j = 0; j < columns; j++)
        {
            var name = $"x{(j / inputColumns) + 1},{(j % inputColumns) + 1}";
            text.Append(' ').Append(name.PadLeft(width));
        }

        text.Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var name = $"z{(i / outputColumns) + 1},{(i % outputColumns) + 1}";
            text.Append(Invariant, $"{i + 1,3} {name,-5}");
            for (var j = 0; j < columns; j++)
            {
                text.Append(' ').Append((cells[i, j] ?? "0").PadLeft(width));
            }

            text.Append('\n');
        }
    }

    private static Size2d ParseSize(string text, string option, int minimum)
    {
        var parts = text.Split('x', '×', 'X');
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, Invariant, out numbers[i])
                || numbers[i] < minimum || numbers[i] > 64)
            {
                throw new UsageException(
                    $"{option}: '{text}' is not a size; write N or ROWSxCOLUMNS with whole "
                    + $"numbers from {minimum} to 64");
            }
        }

        return parts.Length switch
        {
            1 => new Size2d(numbers[0], numbers[0]),
            2 => new Size2d(numbers[0], numbers[1]),
            _ => throw new UsageException($"{option}: '{text}' has more than two sizes"),
        };
    }

    private static double[] ParseValues(string? text, int count)
    {
        var K = new double[count];
        if (text is null)
        {
            for (var i = 0; i < count; i++)
            {
                K[i] = i + 1;
            }

            return K;
        }

        var parts = text.Split(',');
        if (parts.Length != count)
        {
            throw new UsageException(
                $"--values: {parts.Length} values given; the kernel has {count} entries");
        }

        for (var i = 0; i < count; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, Invariant, out K[i])
                || !double.IsFinite(K[i]))
            {
                throw new UsageException($"--values: '{parts[i]}' is not a number");
            }
        }

        return K;
    }
}
