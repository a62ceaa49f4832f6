using Backprop.Networks;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Tests.Cli;

/// <summary>Model files for CLI tests: catalog networks with seeded random θ.</summary>
internal static class TestModels
{
    /// <summary>A non-trivial scaling, so a command that skipped it would disagree.</summary>
    public static InputScaling Scaling { get; } = new(0.3, 0.4);

    public static NetworkDescription LogisticRegression(int inputs, int classes) =>
        ModelCatalog.TryCreate(ModelCatalog.LogisticRegression, inputs, classes)!;

    public static float[] RandomTheta(NetworkDescription network, int seed)
    {
        var rng = new Random(seed);
        var theta = new float[network.ParameterCount];
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return theta;
    }

    /// <summary>Writes a model with random θ and returns its path.</summary>
    public static string Write(
        string path,
        NetworkDescription network,
        int seed = 1,
        string? data = null,
        InputScaling? scaling = null)
    {
        var extra = data is null ? null : new Dictionary<string, string> { ["data"] = data };
        ModelFile.Save(path, network, RandomTheta(network, seed), scaling ?? Scaling, extra);
        return path;
    }

    /// <summary>Evaluates a model file the way training does, for comparison.</summary>
    public static Evaluation Evaluate(string modelPath, Backprop.Data.LabeledImages images)
    {
        var model = ModelFile.Load(modelPath);
        var inputs = new float[images.Pixels.Length];
        model.Scaling.Apply(images.Pixels, inputs);
        var engine = new FastNetwork<float>(model.Network, 7);
        model.Theta.CopyTo(engine.Theta, 0);
        var classes = Math.Max(model.Network.OutputSize, 2);
        var data = new TrainingData(inputs, images.Labels, model.Network.InputSize, classes);
        return Trainer.Evaluate(engine, data);
    }

    /// <summary>Computes ŷ for one image, pixels scaled with the model's scaling.</summary>
    public static float[] Predict(string modelPath, ReadOnlySpan<byte> pixels)
    {
        var model = ModelFile.Load(modelPath);
        var x = new float[pixels.Length];
        model.Scaling.Apply(pixels, x);
        var engine = new FastNetwork<float>(model.Network, 1);
        model.Theta.CopyTo(engine.Theta, 0);
        return engine.Predict(x, 1).ToArray();
    }
}
