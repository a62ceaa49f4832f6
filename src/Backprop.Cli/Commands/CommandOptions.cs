using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Backprop.Cli.Commands;

/// <summary>Option factories that validate their values while the command line is parsed.
/// </summary>
/// <remarks>
/// A value that does not parse or lies outside its range becomes a parse error with one line
/// naming the option, the rule and the value given, so the command exits with code 2 before
/// it reads or writes anything.
/// </remarks>
internal static class CommandOptions
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Makes an integer option that must be at least 1.</summary>
    /// <param name="name">The option name, such as <c>--batch-size</c>.</param>
    /// <param name="defaultValue">The value when the option is not given.</param>
    /// <param name="description">The help text.</param>
    /// <returns>The option.</returns>
    public static Option<int> PositiveInt(string name, int defaultValue, string description) =>
        Integer(name, defaultValue, 1, int.MaxValue, description);

    /// <summary>Makes an integer option whose values must lie in [minimum, maximum].</summary>
    /// <param name="name">The option name.</param>
    /// <param name="defaultValue">The value when the option is not given.</param>
    /// <param name="minimum">The smallest value accepted.</param>
    /// <param name="maximum">The largest value accepted.</param>
    /// <param name="description">The help text.</param>
    /// <returns>The option.</returns>
    public static Option<int> Integer(
        string name,
        int defaultValue,
        int minimum,
        int maximum,
        string description) => new(name)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseInteger(result, name, minimum, maximum),
        };

    /// <summary>Makes a real option accepted only where <paramref name="valid"/> holds.
    /// </summary>
    /// <param name="name">The option name.</param>
    /// <param name="defaultValue">The value when the option is not given.</param>
    /// <param name="valid">The rule; NaN and infinities are always rejected.</param>
    /// <param name="rule">The rule in words, such as "a finite number above 0".</param>
    /// <param name="description">The help text.</param>
    /// <param name="helpName">The value's name in help, or null for the option's name.</param>
    /// <returns>The option.</returns>
    public static Option<double> Real(
        string name,
        double defaultValue,
        Func<double, bool> valid,
        string rule,
        string description,
        string? helpName = null) => new(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseReal(result, name, valid, rule),
        };

    /// <summary>Makes a real option without a default (null when not given).</summary>
    /// <param name="name">The option name.</param>
    /// <param name="valid">The rule; NaN and infinities are always rejected.</param>
    /// <param name="rule">The rule in words.</param>
    /// <param name="description">The help text.</param>
    /// <returns>The option.</returns>
    public static Option<double?> OptionalReal(
        string name,
        Func<double, bool> valid,
        string rule,
        string description) => new(name)
        {
            Description = description,
            CustomParser = result => ParseReal(result, name, valid, rule),
        };

    /// <summary>Makes an option that accepts one of a few names, suggesting the nearest one.
    /// </summary>
    /// <param name="name">The option name.</param>
    /// <param name="defaultValue">The value when the option is not given.</param>
    /// <param name="names">The accepted names, in the order help lists them.</param>
    /// <param name="description">The help text.</param>
    /// <returns>The option.</returns>
    public static Option<string> OneOf(
        string name,
        string defaultValue,
        IReadOnlyList<string> names,
        string description)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            HelpName = string.Join("|", names),
            CustomParser = result => ParseName(result, name, names),
        };
        option.CompletionSources.Add([.. names]);
        return option;
    }

    /// <summary>The message for a name that is not among the accepted ones.</summary>
    /// <param name="option">The option name.</param>
    /// <param name="given">The name given.</param>
    /// <param name="names">The accepted names.</param>
    /// <returns>One line: the name, the accepted ones, and the nearest.</returns>
    public static string UnknownName(string option, string given, IReadOnlyList<string> names)
    {
        var nearest = NameSuggestion.Nearest(given, names);
        var hint = nearest is null ? "" : $" (did you mean '{nearest}'?)";
        return $"{option} '{FileProblem.Shorten(given)}' is not known; use one of "
            + $"{string.Join(", ", names)}{hint}";
    }

    internal static int ParseInteger(ArgumentResult result, string name, int min, int max)
    {
        var text = Token(result);
        if (!int.TryParse(text, NumberStyles.Integer, Invariant, out var value))
        {
            result.AddError(long.TryParse(text, NumberStyles.Integer, Invariant, out _)
                ? string.Create(Invariant, $"{name} must be from {min} to {max}, got {text}")
                : $"{name} must be a whole number, got '{FileProblem.Shorten(text)}'");
            return default;
        }

        if (value < min || value > max)
        {
            result.AddError($"{name} {Range(min, max)}, got {text}");
        }

        return value;
    }

    private static string Range(int min, int max) => max == int.MaxValue
        ? string.Create(Invariant, $"must be at least {min}")
        : string.Create(Invariant, $"must be from {min} to {max}");

    private static double ParseReal(
        ArgumentResult result,
        string name,
        Func<double, bool> valid,
        string rule)
    {
        var text = Token(result);
        var parsed = double.TryParse(
            text, NumberStyles.Float, Invariant, out var value);
        if (!parsed || !double.IsFinite(value) || !valid(value))
        {
            result.AddError($"{name} must be {rule}, got '{FileProblem.Shorten(text)}'");
        }

        return value;
    }

    private static string ParseName(ArgumentResult result, string name, IReadOnlyList<string> names)
    {
        var text = Token(result);
        foreach (var known in names)
        {
            if (string.Equals(known, text, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        result.AddError(UnknownName(name, text, names));
        return names[0];
    }

    // An option of arity one has exactly one token when its parser runs.
    private static string Token(ArgumentResult result) =>
        result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
}
