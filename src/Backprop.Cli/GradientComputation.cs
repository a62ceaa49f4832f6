using Backprop.Jacobians;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Cli;

/// <summary>Computes a case's loss and θ-gradient with the engine the user chose.</summary>
internal static class GradientComputation
{
    public static (double Loss, double[] ThetaGradient) Compute(CaseFile item, string engine)
    {
        if (engine == "jacobian")
        {
            var result = JacobianEngine.Compute(item.Parameters, item.X, item.Y);
            return (result.Loss, result.ThetaGradient);
        }

        var fast = new FastNetwork<double>(item.Network, 1);
        fast.LoadParameters(item.Parameters);
        var loss = fast.ComputeGradient(item.X, item.Y, 1);
        var prediction = fast.Predict(item.X, 1).ToArray();
        var head = new Backprop.Losses.OutputHead(item.Network.OutputActivation, item.Network.Loss);
        var domainError = head.IsFused ? null : head.Loss.DomainError(prediction, item.Y);
        if (domainError is not null)
        {
            throw new InvalidDataException($"{item.Path}: {domainError}");
        }

        return (loss, (double[])fast.Gradient.Clone());
    }
}
