using Backprop.LinearAlgebra;

namespace Backprop.Networks;

/// <summary>The parameter values of a network, one row-major array per named tensor.</summary>
/// <remarks>
/// Tensors are stored row-major in their natural shape (W as inputs × units); θ order stacks
/// W's columns (the paper's Vec), which <see cref="ToTheta"/> and <see cref="FromTheta"/>
/// convert to and from.
/// </remarks>
public sealed class NetworkParameters
{
    private readonly double[][] values;

    /// <summary>Initializes zero parameters for a network.</summary>
    /// <param name="network">The network.</param>
    public NetworkParameters(NetworkDescription network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
        values = new double[network.Parameters.Count][];
        for (var p = 0; p < values.Length; p++)
        {
            values[p] = new double[network.Parameters[p].Count];
        }
    }

    /// <summary>Gets the network the parameters belong to.</summary>
    public NetworkDescription Network { get; }

    /// <summary>Returns the row-major values of the p-th tensor in θ order.</summary>
    /// <param name="p">The tensor index.</param>
    /// <returns>The values, writable.</returns>
    public double[] Values(int p) => values[p];

    /// <summary>Returns the row-major values of a tensor by name.</summary>
    /// <param name="name">The name, such as <c>W1</c>.</param>
    /// <returns>The values, writable.</returns>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public double[] Values(string name)
    {
        for (var p = 0; p < values.Length; p++)
        {
            if (Network.Parameters[p].Name == name)
            {
                return values[p];
            }
        }

        throw new KeyNotFoundException($"The network has no parameter named {name}.");
    }

    /// <summary>Stacks all tensors into θ = [Vec(W1); b1; …].</summary>
    /// <returns>θ, of length <see cref="NetworkDescription.ParameterCount"/>.</returns>
    public double[] ToTheta()
    {
        var theta = new double[Network.ParameterCount];
        for (var p = 0; p < values.Length; p++)
        {
            var info = Network.Parameters[p];
            var block = theta.AsSpan(info.ThetaOffset, info.Count);
            if (info.Shape.Length == 2)
            {
                Vec.Stack(values[p], info.Shape[0], info.Shape[1], block);
            }
            else
            {
                values[p].CopyTo(block);
            }
        }

        return theta;
    }

    /// <summary>Builds parameters from θ in Vec order.</summary>
    /// <param name="network">The network.</param>
    /// <param name="theta">θ, of length ParameterCount.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentException">θ has the wrong length.</exception>
    public static NetworkParameters FromTheta(
        NetworkDescription network,
        ReadOnlySpan<double> theta)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (theta.Length != network.ParameterCount)
        {
            throw new ArgumentException(
                $"θ has length {theta.Length}; the network has {network.ParameterCount} "
                + "parameters.",
                nameof(theta));
        }

        var result = new NetworkParameters(network);
        for (var p = 0; p < result.values.Length; p++)
        {
            var info = network.Parameters[p];
            var block = theta.Slice(info.ThetaOffset, info.Count);
            if (info.Shape.Length == 2)
            {
                Vec.Unstack(block, info.Shape[0], info.Shape[1], result.values[p]);
            }
            else
            {
                block.CopyTo(result.values[p]);
            }
        }

        return result;
    }
}
