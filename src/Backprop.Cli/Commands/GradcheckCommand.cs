using System.CommandLine;
using System.Globalization;
using Backprop.Networks;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop gradcheck CASE.json</c>: both engines against finite differences.</summary>
internal static class GradcheckCommand
{
    public static Command Create()
    {
        var caseArgument = new Argument<string>("case") { Description = "A case file." };
        var maxMemory = MemoryLimit.CreateOption("the jacobian engine's factors");
        var checkedCount = CommandOptions.PositiveInt(
            "--parameters",
            DefaultChecked,
            "Parameters to difference: all of them up to this many, otherwise "
                + "about this many spread evenly over every tensor (at least one each).");
        var command = new Command(
            "gradcheck",
            "Compare both engines with central finite differences, per parameter.")
        {
            caseArgument,
            maxMemory,
            checkedCount,
        };
        command.SetAction(parse => CommandRunner.Guard(
            parse.InvocationConfiguration.Error,
            () => Run(
                GradientComputation.Load(parse.GetValue(caseArgument)!),
                parse.GetValue(maxMemory) ?? MemoryLimit.Default,
                parse.GetValue(checkedCount),
                parse.InvocationConfiguration.Output)));
        return command;
    }

    private static int Run(CaseFile item, long limit, int checkedLimit, TextWriter output)
    {
        var jacobian = GradientComputation.Explicit(
            item, limit, "gradcheck needs the jacobian engine; "
                + GradientComputation.GradFastAdvice).ThetaGradient;
        var (_, fast) = GradientComputation.Compute(item, "fast", limit);
        var numeric = CentralDifferences(item, checkedLimit);
        var network = item.Network;
        var differenced = numeric.Count(double.IsFinite);
        if (differenced < numeric.Length)
        {
            var counts = string.Create(
                CultureInfo.InvariantCulture, $"{differenced:N0} of {numeric.Length:N0}");
            output.WriteLine(
                $"differencing {counts} parameters, evenly spaced in every tensor "
                + "(--parameters N to change)");
        }

        output.WriteLine(
            $"{"parameter",-10} {"shape",-12} {"jacobian vs fd",16} {"fast vs fd",14} "
            + $"{"jacobian vs fast",18}");
        // Entries far below the largest gradient entry are compared on its scale: finite
        // differences cannot resolve them relative to themselves.
        var floor = Math.Max(1e-4 * numeric.Where(double.IsFinite).Max(Math.Abs), 1e-12);
        var worst = 0.0;
        foreach (var info in network.Parameters)
        {
            var range = new Range(info.ThetaOffset, info.ThetaOffset + info.Count);
            var e1 = MaxRelativeError(jacobian[range], numeric[range], floor);
            var e2 = MaxRelativeError(fast[range], numeric[range], floor);
            var e3 = MaxRelativeError(jacobian[range], fast[range], floor);
            worst = Math.Max(worst, Math.Max(e1, e2));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{info.Name,-10} {info.ShapeText,-12} {e1,16:0.00e+00} {e2,14:0.00e+00} "
                + $"{e3,18:0.00e+00}"));
        }

        var verdict = worst <= 1e-5 ? "agree" : "DISAGREE";
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"largest relative error against central differences: {worst:0.00e+00} ({verdict}; "
            + $"entries below {floor:0.0e+00} compared on that scale)"));
        return worst <= 1e-5 ? 0 : 1;
    }

    /// <summary>Central differences in double, step h = 1e-6 · max(1, |θᵢ|).</summary>
    /// <remarks>
    /// With more than <paramref name="limit"/> parameters, each tensor gets a share of the
    /// limit in proportion to its size (at least one entry) at evenly spaced indices, its first
    /// and last included; the entries not differenced are NaN. One engine is reused, θ changed
    /// in place, and only the forward pass and the loss are evaluated.
    /// </remarks>
    /// <param name="item">The case.</param>
    /// <param name="limit">The most parameters to difference.</param>
    /// <returns>∂ℓ/∂θᵢ estimates in θ order, NaN where not computed.</returns>
    public static double[] CentralDifferences(CaseFile item, int limit = DefaultChecked)
    {
        var network = item.Network;
        var engine = new Backprop.Training.FastNetwork<double>(network, 1);
        engine.LoadParameters(item.Parameters);
        var head = new Backprop.Losses.OutputHead(network.OutputActivation, network.Loss);
        var yHat = new double[network.OutputSize];
        var dz = new double[network.OutputSize];
        double Loss()
        {
            var logits = engine.Logits(item.X, 1);
            return head.Evaluate<double>(logits, item.Y, yHat, dz, network.OutputSize);
        }

        var theta = engine.Theta;
        var gradient = new double[theta.Length];
        Array.Fill(gradient, double.NaN);
        foreach (var i in Chosen(network, limit))
        {
            var h = 1e-6 * Math.Max(1.0, Math.Abs(theta[i]));
            var saved = theta[i];
            theta[i] = saved + h;
            var plus = Loss();
            theta[i] = saved - h;
            var minus = Loss();
            theta[i] = saved;
            gradient[i] = (plus - minus) / (2 * h);
        }

        return gradient;
    }

    private const int DefaultChecked = 5000;

    private static IEnumerable<int> Chosen(NetworkDescription network, int limit)
    {
        var total = (long)network.ParameterCount;
        foreach (var info in network.Parameters)
        {
            var share = total <= limit
                ? info.Count
                : (int)Math.Clamp((long)limit * info.Count / total, 1, info.Count);
            for (var j = 0; j < share; j++)
            {
                var offset = share == 1 ? 0 : (int)((long)j * (info.Count - 1) / (share - 1));
                yield return info.ThetaOffset + offset;
            }
        }
    }

    private static double MaxRelativeError(double[] actual, double[] expected, double floor)
    {
        var worst = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (double.IsNaN(actual[i]) || double.IsNaN(expected[i]))
            {
                continue;
            }

            var scale = Math.Max(floor, Math.Max(Math.Abs(actual[i]), Math.Abs(expected[i])));
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / scale);
        }

        return worst;
    }
}
