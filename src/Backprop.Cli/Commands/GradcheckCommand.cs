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
        var command = new Command(
            "gradcheck",
            "Compare both engines with central finite differences, per parameter.")
        {
            caseArgument,
            maxMemory,
        };
        command.SetAction(parse => CommandRunner.Guard(
            parse.InvocationConfiguration.Error,
            () => Run(
                GradientComputation.Load(parse.GetValue(caseArgument)!),
                parse.GetValue(maxMemory) ?? MemoryLimit.Default,
                parse.InvocationConfiguration.Output)));
        return command;
    }

    private static int Run(CaseFile item, long limit, TextWriter output)
    {
        var jacobian = GradientComputation.Explicit(
            item, limit, "gradcheck needs the jacobian engine; "
                + GradientComputation.GradFastAdvice).ThetaGradient;
        var (_, fast) = GradientComputation.Compute(item, "fast", limit);
        var numeric = CentralDifferences(item);
        var network = item.Network;
        output.WriteLine(
            $"{"parameter",-10} {"shape",-12} {"jacobian vs fd",16} {"fast vs fd",14} "
            + $"{"jacobian vs fast",18}");
        // Entries far below the largest gradient entry are compared on its scale: finite
        // differences cannot resolve them relative to themselves.
        var floor = Math.Max(1e-4 * numeric.Max(Math.Abs), 1e-12);
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
    public static double[] CentralDifferences(CaseFile item)
    {
        var theta = item.Parameters.ToTheta();
        var gradient = new double[theta.Length];
        for (var i = 0; i < theta.Length; i++)
        {
            var h = 1e-6 * Math.Max(1.0, Math.Abs(theta[i]));
            var saved = theta[i];
            theta[i] = saved + h;
            var plus = Loss(item, theta);
            theta[i] = saved - h;
            var minus = Loss(item, theta);
            theta[i] = saved;
            gradient[i] = (plus - minus) / (2 * h);
        }

        return gradient;
    }

    private static double Loss(CaseFile item, double[] theta)
    {
        var parameters = NetworkParameters.FromTheta(item.Network, theta);
        var fast = new Backprop.Training.FastNetwork<double>(item.Network, 1);
        fast.LoadParameters(parameters);
        return fast.ComputeGradient(item.X, item.Y, 1);
    }

    private static double MaxRelativeError(double[] actual, double[] expected, double floor)
    {
        var worst = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            var scale = Math.Max(floor, Math.Max(Math.Abs(actual[i]), Math.Abs(expected[i])));
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / scale);
        }

        return worst;
    }
}
