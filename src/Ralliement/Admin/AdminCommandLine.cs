using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;
using System.Text;

namespace Ralliement.Admin;

/// <summary>Where an admin command writes: data to standard output (opened once, when needed), messages to standard error.</summary>
public sealed record AdminConsole(Func<Stream> OpenOutput, TextWriter Errors);

/// <summary>What every admin command shares: exit codes, the site's settings among its arguments, parsing and help.</summary>
public static class AdminCommandLine
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int WrongArguments = 2;

    internal static bool NamesACommand(RootCommand root, string first) =>
        first is "--help" or "-h" or "-?" || root.Subcommands.Any(command => command.Name == first);

    /// <summary>
    /// The site's settings given with a command: every <c>--Key=value</c> or <c>--Key value</c> whose
    /// key no command declares, handed to the configuration as the site's command line would be.
    /// </summary>
    public static string[] SettingsOf(ParseResult parse) => Settings.TryGetValue(parse, out var settings) ? settings : [];

    private static readonly ConditionalWeakTable<ParseResult, string[]> Settings = [];

    internal static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, AdminConsole console)
    {
        var (arguments, settings, settingErrors) = SplitSettings(root, args);
        // A response file (@file) would read arguments from anywhere: an admin types them.
        var parse = root.Parse(arguments, new ParserConfiguration { ResponseFileTokenReplacer = null });
        Settings.Add(parse, settings);
        var errors = parse.Errors.Select(error => error.Message).Concat(settingErrors).ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await console.Errors.WriteLineAsync(error);
            }
            await console.Errors.WriteLineAsync();
            await console.Errors.WriteAsync(HelpOf(root, parse.CommandResult));
            return WrongArguments;
        }
        if (parse.Action is null && parse.CommandResult.Command.Subcommands.Count > 0)
        {
            // A group such as "export" without its subcommand: its help, as a wrong argument.
            await console.Errors.WriteAsync(HelpOf(root, parse.CommandResult));
            return WrongArguments;
        }
        using var output = new StringWriter();
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = console.Errors, EnableDefaultExceptionHandler = false });
        if (output.GetStringBuilder().Length > 0)
        {
            await using var standardOutput = console.OpenOutput();
            await standardOutput.WriteAsync(Encoding.UTF8.GetBytes(output.ToString()));
        }
        return exitCode;
    }

    /// <summary>
    /// Takes the site's settings out of the arguments before parsing: a <c>--name</c> that no command
    /// declares is a setting, and a setting always has a value (after '=' or as the next token).
    /// </summary>
    private static (List<string> Arguments, string[] Settings, List<string> Errors) SplitSettings(RootCommand root, IReadOnlyList<string> args)
    {
        var declared = root.Subcommands.SelectMany(Descendants).Prepend(root)
            .SelectMany(command => command.Options).SelectMany(option => option.Aliases.Prepend(option.Name))
            .ToHashSet(StringComparer.Ordinal);
        var arguments = new List<string>();
        var settings = new List<string>();
        var errors = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            var name = token.Split('=')[0];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length < 3 || declared.Contains(name))
            {
                arguments.Add(token);
            }
            else if (token.Contains('=', StringComparison.Ordinal))
            {
                settings.Add(token);
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                settings.Add($"{token}={args[++i]}");
            }
            else
            {
                errors.Add($"{token} is neither an option of this command nor a setting with a value (--Key=value).");
            }
        }
        return (arguments, [.. settings], errors);
    }

    private static IEnumerable<Command> Descendants(Command command) =>
        command.Subcommands.SelectMany(Descendants).Prepend(command);

    private static IEnumerable<string> CommandPath(CommandResult? result)
    {
        var names = new Stack<string>();
        for (var current = result; current?.Parent is CommandResult parent; current = parent)
        {
            names.Push(current.Command.Name);
        }
        return names;
    }

    /// <summary>The help System.CommandLine prints for that command, as text.</summary>
    private static string HelpOf(RootCommand root, CommandResult command)
    {
        using var help = new StringWriter();
        root.Parse([.. CommandPath(command), "--help"]).Invoke(new InvocationConfiguration { Output = help });
        return help.ToString();
    }
}
