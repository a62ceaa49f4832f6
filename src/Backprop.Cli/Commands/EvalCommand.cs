using System.CommandLine;
using System.Globalization;
using Backprop.Cli.Models;
using Backprop.Cli.Output;
using Backprop.Data;
using Backprop.Training;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop eval --model FILE --data NAME</c>: accuracy, loss and confusion.</summary>
/// <remarks>
/// Evaluates with <see cref="Trainer.Evaluate"/> on inputs scaled by the model's own input
/// scaling, exactly as training evaluates, so the accuracy equals the one training printed.
/// </remarks>
internal static class EvalCommand
{
    /// <summary>The default number of images per forward pass; results do not depend on it.
    /// </summary>
    public const int DefaultBatchSize = 1000;

    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            HelpName = "FILE",
            Description = "The model file (safetensors, as backprop train writes it).",
            Required = true,
        };
        var data = new Option<string>("--data")
        {
            HelpName = "NAME|PATH",
            Description = "A data set: fashion-mnist, mnist-10k, a folder of MNIST IDX files, "
                + "TRAIN.csv (with TEST.csv beside it) or TRAIN.csv,TEST.csv.",
            Required = true,
        };
        var split = CommandOptions.OneOf(
            "--split", "test", ["test", "train"], "Which part of the data set to evaluate on.");
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object: model, data, split, count, correct, "
                + "accuracy (0 to 1), loss, classes, confusion ([true][predicted]).",
        };
        var batchSize = CommandOptions.PositiveInt("--batch-size", DefaultBatchSize,
            "Images per forward pass (memory only; the results do not depend on it).");
        var command = new Command(
            "eval",
            "Evaluate a model on a data set: accuracy, mean loss and the confusion matrix.")
        {
            model, data, split, json, batchSize,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            return CommandRunner.Guard(error, () => Run(
                parse.GetValue(model)!,
                parse.GetValue(data)!,
                parse.GetValue(split)!,
                parse.GetValue(json),
                parse.GetValue(batchSize),
                output,
                error));
        });
        return command;
    }

    private static int Run(
        string modelPath,
        string dataName,
        string split,
        bool json,
        int batchSize,
        TextWriter output,
        TextWriter error)
    {
        Training.DataPreparation.CheckName(dataName, "--data");
        var model = LoadedModel.Load(modelPath);
        var data = Training.DataPreparation.Load(dataName);
        var images = split == "train" ? data.Train : data.Test;
        var what = $"{dataName} {split}";
        model.CheckFits(images, what);
        error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"eval: model {modelPath} ({model.Describe()}); data {what}: "
            + $"{images.Count:N0} images of {images.Rows} x {images.Columns}"));

        var samples = model.ToTrainingData(images);
        var engine = model.CreateEngine(Math.Min(batchSize, images.Count));
        var result = Trainer.Evaluate(engine, samples);
        if (result.FirstNonFiniteSample >= 0)
        {
            throw LoadedModel.NonFiniteOutput(
                modelPath, $"{split} sample {result.FirstNonFiniteSample}", result.NonFiniteValue);
        }

        // A named data set says what its classes are; for a path, the model's metadata does.
        var isNamed = DataSets.Names.Contains(dataName, StringComparer.OrdinalIgnoreCase);
        var names = ClassNames.For(isNamed ? dataName : model.DataName, model.ClassCount);
        var report = new EvalReport(modelPath, dataName, split, model, result, names);
        output.Write(json ? report.ToJson() : report.ToText(TextRendering.UseColor(output)));
        return 0;
    }
}
