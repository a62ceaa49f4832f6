using System.CommandLine;
using System.Globalization;

namespace Backprop.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommandOptions
{
    /// <summary>Makes an integer option that must be at least 1 (a usage error otherwise).
    /// </summary>
    /// <param name="name">The option name, such as <c>--batch-size</c>.</param>
    /// <param name="defaultValue">The value when the option is not given.</param>
    /// <param name="description">The help text.</param>
    /// <returns>The option.</returns>
    public static Option<int> PositiveInt(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            // A value that is not an integer is reported by the parser itself; reading it
            // here would throw.
            if (result.Tokens.Count == 1
                && int.TryParse(
                    result.Tokens[0].Value,
                    NumberStyles.Integer,
                    CultureInfo.InvariantCulture,
                    out var value)
                && value < 1)
            {
                result.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }
}
