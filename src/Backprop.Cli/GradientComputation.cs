using System.Numerics.Tensors;
using Backprop.Jacobians;
using Backprop.Losses;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Cli;

/// <summary>Loads a case for grad, gradcheck and explain, and computes its gradient.</summary>
internal static class GradientComputation
{
    /// <summary>Reads a case and checks that its loss and gradient are defined and finite.
    /// </summary>
    /// <remarks>
    /// A pair outside Table 1 needs ŷ in the loss's domain (binary cross-entropy: (0, 1));
    /// parameters near the limits of double precision can overflow. Both are reported here,
    /// naming the file, instead of printing NaN.
    /// </remarks>
    public static CaseFile Load(string path)
    {
        var item = CaseFile.Load(path);
        var fast = new FastNetwork<double>(item.Network, 1);
        fast.LoadParameters(item.Parameters);
        var prediction = fast.Predict(item.X, 1).ToArray();
        var head = new OutputHead(item.Network.OutputActivation, item.Network.Loss);
        var domainError = head.IsFused ? null : head.Loss.DomainError(prediction, item.Y);
        if (domainError is not null)
        {
            throw new InvalidDataException(
                $"{path}: {domainError}; the last activation "
                + $"{item.Network.OutputActivation.ToString().ToLowerInvariant()} does not "
                + "keep outputs there for this sample");
        }

        var loss = fast.ComputeGradient(item.X, item.Y, 1);
        if (!double.IsFinite(loss) || !TensorPrimitives.IsFiniteAll(fast.Gradient))
        {
            throw new InvalidDataException(
                $"{path}: the loss or the gradient overflows double precision (loss = {loss}); "
                + "scale the parameters or the input down");
        }

        return item;
    }

    /// <summary>Advice ending a refusal of the explicit engine by grad.</summary>
    public const string FastEngineAdvice = "use --engine fast for the gradient alone";

    /// <summary>Advice ending a refusal by commands that need the explicit factors.</summary>
    public const string GradFastAdvice =
        "use 'backprop grad --engine fast' for the gradient alone";

    /// <summary>Runs the explicit engine after checking its memory against the limit.
    /// </summary>
    /// <param name="item">The case.</param>
    /// <param name="limit">The limit in bytes (--max-memory).</param>
    /// <param name="advice">What to do instead when the network is too large.</param>
    /// <param name="extra">A further array the caller will build, or null.</param>
    /// <returns>The engine's result.</returns>
    /// <exception cref="InsufficientMemoryException">The factors would not fit.</exception>
    public static JacobianResult Explicit(
        CaseFile item,
        long limit,
        string advice,
        JacobianMemoryPart? extra = null)
    {
        var maxEntries = MemoryLimit.CheckNetwork(item.Network, limit, advice, extra);
        return JacobianEngine.Compute(item.Parameters, item.X, item.Y, maxEntries);
    }

    public static (double Loss, double[] ThetaGradient) Compute(
        CaseFile item,
        string engine,
        long limit)
    {
        if (engine == "jacobian")
        {
            var result = Explicit(item, limit, FastEngineAdvice);
            return (result.Loss, result.ThetaGradient);
        }

        var fast = new FastNetwork<double>(item.Network, 1);
        fast.LoadParameters(item.Parameters);
        var loss = fast.ComputeGradient(item.X, item.Y, 1);
        return (loss, fast.Gradient.ToArray());
    }
}
