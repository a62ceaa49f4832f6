using System.CommandLine;
using Backprop.Cli;

namespace Backprop.Tests.Cli;

/// <summary>Every invalid use of every command: exit code 2, one error line, no output.
/// </summary>
/// <remarks>
/// One row per mistake: the command line (see <see cref="UsageFixture"/> for the
/// placeholders) and a phrase the error line must contain. Each run must print nothing on
/// stdout, exactly one line on stderr starting "error: ", no stack trace, and leave every
/// file and folder as it was.
/// </remarks>
public sealed class UsageErrorTests(UsageFixture fixture) : IClassFixture<UsageFixture>
{
    private const string Train = "train --data {dir}/train.csv --out {dir}/out ";
    private const string Resume = "train --resume {dir}/run ";
    private const string Eval = "eval --model {dir}/model.safetensors --data {dir}/train.csv ";
    private const string Predict =
        "predict --model {dir}/model.safetensors --input {dir}/train.csv ";
    private const string Inspect = "data inspect {dir}/images-idx3-ubyte ";
    private const string Toeplitz = "toeplitz --input 3x3 --kernel 2x2 ";
    private const string Grad = "grad {dir}/case.json ";
    private const string Explain = "explain {dir}/case.json ";
    private const string Bench = "bench --data {dir}/train.csv ";

    public static TheoryData<string, string> Rows { get; } = new()
    {
        // The command line itself.
        { "", "'backprop' needs a command: grad, gradcheck" },
        { "trian", "unknown command 'trian' for 'backprop'; use one of grad" },
        { "trian", "(did you mean 'train'?)" },
        { "data inspct", "(did you mean 'inspect'?)" },
        { "data", "'backprop data' needs a command: inspect" },
        { Train + "--epoch 3", "unknown option '--epoch' for 'backprop train'" },
        { Train + "--epoch 3", "(did you mean '--epochs'?)" },
        { Train + "--batchsize 3", "(did you mean '--batch-size'?)" },
        { Train + "--zzz", "unknown option '--zzz' for 'backprop train'; run 'backprop" },
        { Grad + "extra", "unexpected argument 'extra' for 'backprop grad'" },

        // train: numbers.
        { Train + "--epochs 0", "--epochs must be at least 1, got 0" },
        { Train + "--epochs -3", "--epochs must be at least 1, got -3" },
        { Train + "--epochs abc", "--epochs must be a whole number, got 'abc'" },
        { Train + "--epochs " + new string('9', 40) + "x" + new string('9', 40), "9...'" },
        { Train + "--epochs 2.5", "--epochs must be a whole number, got '2.5'" },
        { Train + "--epochs 99999999999", "--epochs must be from 1 to 2147483647" },
        { Train + "--epochs", "--epochs needs a value; run 'backprop train --help'" },
        { Train + "--epochs 1 --epochs 2", "--epochs is given twice" },
        { Train + "--batch-size 0", "--batch-size must be at least 1, got 0" },
        { Train + "--batch-size -64", "--batch-size must be at least 1" },
        { Train + "--batch-size 41", "--batch-size 41 is larger than the training set (40" },
        { Train + "--lr 0", "--lr must be a finite number above 0, got '0'" },
        { Train + "--lr -0.1", "--lr must be a finite number above 0, got '-0.1'" },
        { Train + "--lr NaN", "--lr must be a finite number above 0, got 'NaN'" },
        { Train + "--lr Infinity", "--lr must be a finite number above 0" },
        { Train + "--lr 1e999", "--lr must be a finite number above 0, got '1e999'" },
        { Train + "--lr fast", "--lr must be a finite number above 0, got 'fast'" },
        { Train + "--optimizer momentum --momentum 1", "--momentum must be a number in [0, 1)" },
        { Train + "--optimizer momentum --momentum -0.5", "--momentum must be a number in" },
        { Train + "--optimizer momentum --momentum NaN", "--momentum must be a number in" },
        { Train + "--seed -1", "--seed must be at least 0, got -1" },
        { Train + "--seed one", "--seed must be a whole number, got 'one'" },
        { Train + "--threads 0", "--threads must be at least 1, got 0" },
        { Train + "--threads -2", "--threads must be at least 1, got -2" },
        { Train + "--augment -1", "--augment must be from 0 to 8, got -1" },
        { Train + "--augment 9", "--augment must be from 0 to 8, got 9" },
        {
            "train --data {dir}/idx --batch-size 8 --out {dir}/out --augment 3",
            "--augment 3 would shift the 3×5 images out of view; use at most 2"
        },
        { Train + "--clip-norm -1", "--clip-norm must be a finite number ≥ 0, got '-1'" },
        { Train + "--clip-norm NaN", "--clip-norm must be a finite number ≥ 0, got 'NaN'" },

        // train: names.
        { Train + "--optimizer adm", "--optimizer 'adm' is not known; use one of sgd, momentum" },
        { Train + "--optimizer adm", "(did you mean 'adam'?)" },
        { Train + "--schedule cosin", "(did you mean 'cosine'?)" },
        { Train + "--schedule linear", "--schedule 'linear' is not known" },
        { Train + "--scaling standardise", "(did you mean 'standardize'?)" },
        { "train --data fashion-mnst --out {dir}/out", "did you mean 'fashion-mnist'?" },
        { "train --data {dir}/nothing --out {dir}/out", "not a known data set" },
        { "train --data {empty} --out {dir}/out", "--data is empty" },
        { Train + "--model lenet5", "(did you mean 'lenet-5'?)" },
        { Train + "--model {dir}/none.json", "is neither a known model nor a file" },
        { Train + "--model {dir}/idx", "is a folder; give a model name or a network JSON file" },
        {
            "train --data {dir}/train.csv --batch-size 8 --out {dir}/train.csv",
            "--out '{dir}/train.csv' must be a folder, not a file"
        },

        // train: conflicts.
        { Train + "--momentum 0.5", "--momentum applies to --optimizer momentum only, not sgd" },
        { Train + "--optimizer adam --momentum 0.9", "only, not adam" },
        { Resume + "--data {dir}/train.csv", "--data conflicts with --resume" },
        { Resume + "--model lenet-5", "--model conflicts with --resume" },
        { Resume + "--batch-size 8", "--batch-size conflicts with --resume" },
        { Resume + "--lr 0.1", "--lr conflicts with --resume" },
        { Resume + "--optimizer adam", "--optimizer conflicts with --resume" },
        { Resume + "--momentum 0.5", "--momentum conflicts with --resume" },
        { Resume + "--schedule step", "--schedule conflicts with --resume" },
        { Resume + "--seed 7", "--seed conflicts with --resume" },
        { Resume + "--scaling unit", "--scaling conflicts with --resume" },
        { Resume + "--augment 1", "--augment conflicts with --resume" },
        { Resume + "--clip-norm 1", "--clip-norm conflicts with --resume" },
        { Resume + "--out {dir}/elsewhere", "--out conflicts with --resume" },
        { Resume + "--epochs 1", "--epochs 1 is fewer than the 2 epochs this run has already" },
        { Resume + "--epochs 0", "--epochs must be at least 1" },
        { Resume + "--threads 0", "--threads must be at least 1" },
        { "train --resume {empty}", "--resume '' must be the folder of a run, not a file" },
        { "train --resume {dir}/train.csv", "must be the folder of a run, not a file" },

        // eval.
        { Eval + "--split tran", "--split 'tran' is not known; use one of test, train" },
        { Eval + "--split tran", "(did you mean 'train'?)" },
        { Eval + "--batch-size 0", "--batch-size must be at least 1, got 0" },
        { "eval --model {dir}/none --data fashion-mnst", "did you mean 'fashion-mnist'?" },
        { "eval --data {dir}/train.csv", "'backprop eval' needs --model" },
        { "eval --model {dir}/model.safetensors", "'backprop eval' needs --data" },

        // predict.
        { Predict + "--all --json --index 0", "--all conflicts with --json" },
        { Predict + "--index 3-1", "--index 3-1: the range 3-1 runs backwards" },
        { Predict + "--index a", "'a' is not a 0-based index" },
        { Predict + "--row 0-20000", "more than 10000 indices" },
        { Predict + "--index 40", "--index 40: {dir}/train.csv holds 40 images (0..39)" },
        { "predict --model {dir}/model.safetensors", "'backprop predict' needs --input" },
        { Predict + "--index", "--index needs a value" },

        // data inspect.
        { Inspect + "--scale 3", "--scale applies to --png only" },
        { Inspect + "--png x {dir}/out.png", "'x' is not an image index" },
        { Inspect + "--png 0 {dir}/folder.png", "is a folder" },
        { Inspect + "--png 0 {dir}/none/out.png", "does not exist; create it first" },
        { Inspect + "--png 99 {dir}/out.png", "--png: no image 99" },
        { Inspect + "--png 0 {dir}/out.png --scale 0", "--scale must be at least 1" },
        { Inspect + "--png 0 {dir}/out.png --scale 100000", "--scale 100000: the PNG would be" },
        { Inspect + "--png 0 {dir}/images-idx3-ubyte", "that is an input file" },
        { Inspect + "{dir}/train.csv {dir}/test.csv", "unexpected argument '{dir}/test.csv'" },
        { "data inspect", "'backprop data inspect' needs FILES" },

        // toeplitz.
        { "toeplitz --input 3x3", "'backprop toeplitz' needs --kernel" },
        { "toeplitz --input 0x3 --kernel 2x2", "--input: '0x3' is not a size" },
        { "toeplitz --input 3x3x3 --kernel 2", "--input: '3x3x3' has more than two sizes" },
        { "toeplitz --input 3x3 --kernel 4x4", "the 4×4 kernel is larger than the padded input" },
        { "toeplitz --input 64x64 --kernel 1", "at most 20000 are printed" },
        { Toeplitz + "--stride 0", "--stride: '0' is not a size" },
        { Toeplitz + "--padding -1", "--padding: '-1' is not a size" },
        { Toeplitz + "--values 1,2,3", "--values: 3 values given; the kernel has 4 entries" },
        { Toeplitz + "--values 1,2,x,4", "--values: 'x' is not a number" },
        { Toeplitz + "--values 1,2,NaN,4", "--values: 'NaN' is not a number" },

        // grad and gradcheck.
        { Grad + "--engine fats", "--engine 'fats' is not known; use one of jacobian, fast" },
        { Grad + "--engine fats", "(did you mean 'fast'?)" },
        { Grad + "--engine fast --max-memory 1GB", "--max-memory limits the jacobian engine" },
        { Grad + "--max-memory 1XB", "--max-memory must be a size of at least 1 byte" },
        { Grad + "--max-memory 0", "got '0'" },
        { Grad + "--max-memory -5MB", "got '-5MB'" },
        { Grad + "--max-memory 0.1B", "got '0.1B'" },
        { "grad", "'backprop grad' needs CASE; run 'backprop grad --help'" },
        { "gradcheck {dir}/case.json --max-memory lots", "--max-memory must be a size" },
        { "gradcheck", "'backprop gradcheck' needs CASE" },
        { "gradcheck {dir}/case.json --parameters 0", "--parameters must be at least 1" },
        { "gradcheck {dir}/case.json --parameters abc", "--parameters must be a whole number" },
        { "gradcheck {dir}/case.json --parameters 1.5", "--parameters must be a whole number" },
        { "gradcheck {dir}/case.json --parameters {empty}", "--parameters must be a whole number" },
        { "gradcheck {dir}/case.json --parameters 99999999999", "--parameters must be from 1" },

        // explain.
        { Explain + "--format mardown", "(did you mean 'markdown'?)" },
        { Explain + "--format", "--format needs a value" },
        { Explain + "-f jsn", "(did you mean 'json'?)" },
        { Explain + "--max-entries -1", "--max-entries must be from 0 to 1000000, got -1" },
        { Explain + "--max-entries many", "--max-entries must be a whole number" },
        { Explain + "--max-entries 2147483647", "--max-entries must be from 0 to 1000000" },
        { Explain + "--max-entries 1000001", "--max-entries must be from 0 to 1000000" },
        { Grad + "--max-memory 9000TB", "is more than the" },
        { Explain + "--plot {dir}/j.txt", "--plot {dir}/j.txt: the heat map is a PNG" },
        { Explain + "--plot {dir}/none/j.png", "does not exist; create it first" },
        { Explain + "--plot {dir}/folder.png", "is a folder" },
        { Explain + "--max-memory 2PB2", "--max-memory must be a size" },

        // bench.
        { Bench + "--single-sample --epochs 3", "--epochs conflicts with --single-sample" },
        { Bench + "--single-sample --batch-size 8", "--batch-size conflicts with --single-sample" },
        { Bench + "--max-memory 1GB", "--max-memory applies to --single-sample only" },
        { Bench + "--batch-size 41", "--batch-size 41 is larger than the training set (40" },
        { Bench + "--epochs 0", "--epochs must be at least 1" },
        { Bench + "--threads 0", "--threads must be at least 1" },
        { Bench + "--seed -1", "--seed must be at least 0" },
        { Bench + "--scaling units", "(did you mean 'unit'?)" },
        { Bench + "--model lenet5", "(did you mean 'lenet-5'?)" },
        { "bench --data fashion-mnst", "did you mean 'fashion-mnist'?" },
    };

    // Options whose every value is valid: flags that conflict with nothing.
    private static readonly string[] FreeOptions =
        ["--help", "--version", "--json", "--quiet", "--invert"];

    [Theory]
    [MemberData(nameof(Rows))]
    public void InvalidUsage_ExitsTwoWithOneErrorLine_AndWritesNothing(
        string line,
        string message)
    {
        var before = fixture.Snapshot();

        var result = CliRunner.Run(fixture.Arguments(line));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Out);
        var error = Assert.Single(result.ErrLines);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(message.Replace("{dir}", fixture.Root), error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Snapshot());
    }

    [Fact]
    public void Rows_CoverEveryOptionOfEveryCommand()
    {
        var lines = Rows.Select(row => (string)row[0]).ToList();
        var missing = new List<string>();
        foreach (var (path, option) in Options(Program.CreateRoot(), ""))
        {
            var covered = lines.Exists(line => line.StartsWith(path, StringComparison.Ordinal)
                && option.Aliases.Prepend(option.Name).Any(name => line.Contains(
                    $" {name} ", StringComparison.Ordinal) || line.EndsWith($" {name}",
                    StringComparison.Ordinal)));
            if (!covered && !FreeOptions.Contains(option.Name))
            {
                missing.Add($"{path} {option.Name}");
            }
        }

        Assert.Empty(missing);
    }

    private static IEnumerable<(string Path, Option Option)> Options(Command command, string path)
    {
        var here = path.Length == 0 ? "" : path + " ";
        foreach (var option in command.Options)
        {
            yield return (here.Trim(), option);
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var item in Options(sub, here + sub.Name))
            {
                yield return item;
            }
        }
    }
}
