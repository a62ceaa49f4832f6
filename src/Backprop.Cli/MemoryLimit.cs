using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Backprop.Jacobians;
using Backprop.Networks;

namespace Backprop.Cli;

/// <summary>The <c>--max-memory</c> option and the check made before the explicit engine
/// builds its factors.</summary>
/// <remarks>
/// Sizes are written as a number and a unit: B, KB, MB, GB, TB (powers of 1000) or KiB,
/// MiB, GiB, TiB (powers of 1024), in any case, such as 512MB, 2GB or 1.5GiB; a bare number
/// counts bytes. The default is half the memory available to the process.
/// </remarks>
internal static class MemoryLimit
{
    public const string OptionName = "--max-memory";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly (string Unit, double Bytes)[] Units =
    [
        ("KIB", 1L << 10), ("MIB", 1L << 20), ("GIB", 1L << 30), ("TIB", 1L << 40),
        ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12),
        ("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("B", 1),
    ];

    /// <summary>Gets the default limit: half the memory available to the process.</summary>
    /// <remarks>The available memory honours container limits; 4 GB when it is unknown.
    /// </remarks>
    public static long Default
    {
        get
        {
            var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            return available > 0 ? available / 2 : 4_000_000_000;
        }
    }

    /// <summary>Makes the <c>--max-memory</c> option (null when not given).</summary>
    /// <param name="what">What the limit applies to, for the help text.</param>
    /// <returns>The option.</returns>
    public static Option<long?> CreateOption(string what) => new(OptionName)
    {
        Description = $"The most memory {what} may take, such as 512MB or 2GB (default: half "
            + $"the memory available, {Format(Default)} here).",
        HelpName = "SIZE",
        CustomParser = ParseOption,
    };

    /// <summary>Parses a size such as 512MB, 2GB or 1.5GiB into bytes.</summary>
    /// <param name="text">The size as written.</param>
    /// <returns>The bytes, or null when the text is not a size of at least one byte.</returns>
    public static long? Parse(string text)
    {
        var trimmed = text.Trim().ToUpperInvariant();
        var multiplier = 1.0;
        foreach (var (unit, bytes) in Units)
        {
            if (trimmed.EndsWith(unit, StringComparison.Ordinal))
            {
                trimmed = trimmed[..^unit.Length].TrimEnd();
                multiplier = bytes;
                break;
            }
        }

        var ok = double.TryParse(
            trimmed, NumberStyles.AllowDecimalPoint, Invariant, out var number);
        var value = number * multiplier;
        return ok && value >= 1 && value < 9e18 ? (long)value : null;
    }

    /// <summary>Formats bytes with a decimal unit: 512 MB, 2.1 GB, 24 GB.</summary>
    /// <param name="bytes">The size.</param>
    /// <returns>The text.</returns>
    public static string Format(double bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];
        var unit = 0;
        while (bytes >= 1000 && unit < units.Length - 1)
        {
            bytes /= 1000;
            unit++;
        }

        var number = bytes < 10 && unit > 0
            ? bytes.ToString("0.0", Invariant)
            : bytes.ToString("0", Invariant);
        return string.Create(Invariant, $"{number} {units[unit]}");
    }

    /// <summary>Refuses, before anything is built, a network whose explicit factors would
    /// take more than the limit or more than one array holds.</summary>
    /// <param name="estimate">The estimate for the network.</param>
    /// <param name="limit">The limit in bytes.</param>
    /// <param name="advice">What to do instead, ending the message.</param>
    /// <exception cref="InsufficientMemoryException">The estimate is over the limit (exit
    /// code 1, a resource problem).</exception>
    public static void Check(JacobianMemoryEstimate estimate, long limit, string advice)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        if (estimate.FirstTooLargeForOneArray() is { } huge)
        {
            throw new InsufficientMemoryException(
                $"{Describe(huge)}, more than one array can hold "
                + string.Create(Invariant, $"({Array.MaxLength:N0} entries); {advice}"));
        }

        if (estimate.Bytes > limit)
        {
            throw new InsufficientMemoryException(
                $"{Describe(estimate.Largest)}; the explicit factors need about "
                + $"{Format(estimate.Bytes)} in all, over the limit of {Format(limit)} "
                + $"({OptionName}); {advice}");
        }
    }

    /// <summary>Checks the explicit engine's needs for a network against the limit.</summary>
    /// <param name="network">The network.</param>
    /// <param name="limit">The limit in bytes.</param>
    /// <param name="advice">What to do instead.</param>
    /// <param name="extra">A further array the caller builds, or null.</param>
    /// <returns>The largest J_θ z^[L], in entries, to pass to the engine.</returns>
    public static long CheckNetwork(
        NetworkDescription network,
        long limit,
        string advice,
        JacobianMemoryPart? extra = null)
    {
        var estimate = JacobianMemory.Estimate(network);
        Check(extra is { } part ? estimate.With(part) : estimate, limit, advice);
        return Math.Max(1, limit / 8);
    }

    /// <summary>Describes one part: "J_θ z^[L] would be 10 × 300,000 = 3.0e6 entries (24 MB)".
    /// </summary>
    /// <param name="part">The part.</param>
    /// <returns>The text.</returns>
    public static string Describe(JacobianMemoryPart part)
    {
        var entries = part.Entries >= 1_000_000
            ? part.Entries.ToString("0.0e0", Invariant)
            : part.Entries.ToString("N0", Invariant);
        var stored = part.Entries == part.Rows * part.Columns
            ? $" = {entries} entries"
            : $", {entries} entries stored";
        return string.Create(Invariant, $"{part.Name} would be {part.Rows:N0} × ")
            + string.Create(Invariant, $"{part.Columns:N0}{stored} ({Format(part.Bytes)})");
    }

    private static long? ParseOption(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var bytes = Parse(text);
        if (bytes is null)
        {
            result.AddError(
                $"{OptionName} must be a size of at least 1 byte such as 512MB or 2GB, got "
                + $"'{FileProblem.Shorten(text)}'");
        }
        else if (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes is > 0 and var available
            && bytes > available)
        {
            result.AddError(
                $"{OptionName} {FileProblem.Shorten(text)} is more than the "
                + $"{Format(available)} available to this process; give a smaller size or omit it");
        }

        return bytes;
    }
}
