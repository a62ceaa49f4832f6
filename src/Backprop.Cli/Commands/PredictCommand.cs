using System.CommandLine;
using System.Globalization;
using Backprop.Cli.Inputs;
using Backprop.Cli.Models;
using Backprop.Cli.Output;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop predict --model FILE --input FILE…</c>: class probabilities.</summary>
/// <remarks>
/// Inputs are IDX image files and CSV files (items chosen with <c>--index</c>), and PNG or
/// PGM images (resized to the model's size). Every input is read and checked before
/// anything is printed; each is scaled by the model's input scaling, as in training.
/// </remarks>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            HelpName = "FILE",
            Description = "The model file (safetensors, as backprop train writes it).",
            Required = true,
        };
        var input = new Option<string[]>("--input")
        {
            HelpName = "FILE",
            Description = "Files to classify: IDX images (raw or gzip) or CSV rows (label, "
                + "then pixels), with --index; PNG or PGM (P2, P5) images, resized to fit.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var index = new Option<string>("--index", "--row")
        {
            HelpName = "LIST",
            Description = "Which items of IDX and CSV inputs, 0-based: 0,5,7 or 10-19 (for "
                + "CSV, 0 is the first data row after any header).",
        };
        var invert = new Option<bool>("--invert")
        {
            Description = "Invert every input (p → 255 − p), for dark figures on a light "
                + "background; MNIST images are light on dark.",
        };
        var allOption = new Option<bool>("--all")
        {
            Description = "Print every class's probability, not only the top 3.",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print a JSON array of {input, index, label, predicted, "
                + "predicted_name, probabilities}.",
        };
        var command = new Command("predict", "Classify images with a trained model.")
        {
            model, input, index, invert, allOption, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            return CommandRunner.Guard(error, () =>
            {
                if (parse.GetValue(allOption) && parse.GetValue(json))
                {
                    throw new UsageException(
                        "--all conflicts with --json: the JSON lists every class already");
                }

                var indexText = parse.GetValue(index);
                var request = new PredictRequest(
                    parse.GetValue(model)!,
                    parse.GetValue(input)!,
                    indexText is null ? null : IndexList.Parse(indexText, "--index"),
                    parse.GetValue(invert));
                var report = Run(request, error);
                var all = parse.GetValue(allOption);
                output.Write(parse.GetValue(json) ? report.ToJson() : report.ToText(all));
                return 0;
            });
        });
        return command;
    }

    private static PredictReport Run(PredictRequest request, TextWriter error)
    {
        var model = LoadedModel.Load(request.ModelPath);
        if (request.Indices is not null && !Array.Exists(request.Inputs, InputReader.HoldsItems))
        {
            throw new UsageException(
                "--index chooses items of IDX and CSV inputs; the inputs are all image files");
        }

        var reader = new InputReader(
            model.Network.InputSize,
            model.ImageSize(),
            request.Invert,
            exactShape: model.Network.InputShape.Count > 1);
        var inputs = new List<PredictionInput>();
        foreach (var path in request.Inputs)
        {
            var indices = InputReader.HoldsItems(path) ? request.Indices : null;
            inputs.AddRange(reader.Read(path, indices));
        }

        // Forward: x = (p / 255 − mean) / deviation, then ŷ for the whole batch at once.
        var inputSize = model.Network.InputSize;
        var x = new float[inputs.Count * inputSize];
        for (var n = 0; n < inputs.Count; n++)
        {
            model.File.Scaling.Apply(inputs[n].Pixels, x.AsSpan(n * inputSize, inputSize));
        }

        var engine = model.CreateEngine(inputs.Count);
        var yHat = engine.Predict(x, inputs.Count).ToArray();
        var bad = Array.FindIndex(yHat, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            var n = bad / model.Network.OutputSize;
            throw LoadedModel.NonFiniteOutput(
                request.ModelPath, $"input {n} ({inputs[n].Name})", yHat[bad]);
        }

        error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"predict: model {request.ModelPath} ({model.Describe()}); "
            + $"{inputs.Count} {(inputs.Count == 1 ? "input" : "inputs")}"));
        foreach (var note in reader.Notes)
        {
            error.WriteLine($"note: {note}");
        }

        if (!model.OutputsAreProbabilities)
        {
            error.WriteLine(
                "note: the model's outputs are not probabilities; raw output scores are shown");
        }

        return new PredictReport(model, inputs, yHat);
    }

    /// <summary>What the user asked predict for.</summary>
    private sealed record PredictRequest(
        string ModelPath,
        string[] Inputs,
        int[]? Indices,
        bool Invert);
}
