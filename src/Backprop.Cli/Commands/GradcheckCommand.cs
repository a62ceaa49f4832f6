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
        var noise = new double[item.Network.ParameterCount];
        var numeric = CentralDifferences(item, checkedLimit, noise);
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
        var beyondNoise = 0.0;
        foreach (var info in network.Parameters)
        {
            var range = new Range(info.ThetaOffset, info.ThetaOffset + info.Count);
            var e1 = MaxRelativeError(jacobian[range], numeric[range], floor, null);
            var e2 = MaxRelativeError(fast[range], numeric[range], floor, null);
            var e3 = MaxRelativeError(jacobian[range], fast[range], floor, null);
            worst = Math.Max(worst, Math.Max(e1, e2));
            beyondNoise = Math.Max(
                beyondNoise,
                Math.Max(
                    MaxRelativeError(jacobian[range], numeric[range], floor, noise[range]),
                    MaxRelativeError(fast[range], numeric[range], floor, noise[range])));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{info.Name,-10} {info.ShapeText,-12} {e1,16:0.00e+00} {e2,14:0.00e+00} "
                + $"{e3,18:0.00e+00}"));
        }

        // Entries whose difference is below what the differences resolve do not count.
        var agree = beyondNoise <= Tolerance;
        var verdict = agree ? "agree" : "DISAGREE";
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine(
            "largest relative error against central differences: "
            + $"{beyondNoise.ToString("0.00e+00", invariant)} ({verdict}; entries smaller "
            + $"than 1e-4 of the largest, {floor.ToString("0.0e+00", invariant)}, are "
            + "compared on that scale)");
        var setAside = Enumerable.Range(0, numeric.Length).Count(i =>
            double.IsFinite(numeric[i])
            && Math.Abs(jacobian[i] - numeric[i])
                > Tolerance * Scale(jacobian[i], numeric[i], floor)
            && Math.Abs(jacobian[i] - numeric[i]) <= noise[i]);
        if (setAside > 0)
        {
            var (count, verb) = setAside == 1
                ? ("1 entry", "differs")
                : (setAside.ToString("N0", invariant) + " entries", "differ");
            output.WriteLine(
                $"not counted: {count} that {verb} from the differences by less than they "
                + "resolve (4 ulp of the loss's largest term / h), where the gradient is too "
                + "small for finite differences; with them the largest error is "
                + worst.ToString("0.00e+00", invariant));
        }

        if (!agree)
        {
            output.WriteLine(
                "hint: a step across a ReLU kink (a pre-activation at or within h of 0) makes "
                + "the differences disagree without an engine being wrong");
        }

        return agree ? 0 : 1;
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
    /// <param name="noise">When given, receives per entry the smallest difference the estimate
    /// resolves: 4 ulp(S) / h, S the largest of 1, |ℓ| and the outputs' and targets' sizes
    /// (the loss is a difference of terms that large, so it moves in steps of their ulp).
    /// </param>
    /// <returns>∂ℓ/∂θᵢ estimates in θ order, NaN where not computed.</returns>
    public static double[] CentralDifferences(
        CaseFile item, int limit = DefaultChecked, double[]? noise = null)
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
        var size = Math.Max(1, Math.Abs(Loss()));
        foreach (var value in engine.Logits(item.X, 1).ToArray().Concat(yHat).Concat(item.Y))
        {
            size = Math.Max(size, Math.Abs(value));
        }

        var step = Math.BitIncrement(size) - size;
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
            if (noise is not null)
            {
                noise[i] = 4 * step / h;
            }
        }

        return gradient;
    }

    private const int DefaultChecked = 5000;

    // The largest relative error (on the floor's scale) that still agrees.
    private const double Tolerance = 1e-5;

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

    // The largest |actual − expected| / max(|actual|, |expected|, floor). With noise given,
    // entries over the tolerance whose difference is within the noise are left out.
    private static double MaxRelativeError(
        double[] actual, double[] expected, double floor, double[]? noise)
    {
        var worst = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (double.IsNaN(actual[i]) || double.IsNaN(expected[i]))
            {
                continue;
            }

            var difference = Math.Abs(actual[i] - expected[i]);
            var error = difference / Scale(actual[i], expected[i], floor);
            if (noise is null || error <= Tolerance || difference > noise[i])
            {
                worst = Math.Max(worst, error);
            }
        }

        return worst;
    }

    private static double Scale(double a, double b, double floor) =>
        Math.Max(floor, Math.Max(Math.Abs(a), Math.Abs(b)));
}
