using System.CommandLine;

namespace Ralliement.Admin;

/// <summary>
/// The admin command line: the same executable as the site, so a command reads the same settings
/// (appsettings.json, environment, <c>--Key=value</c>) and reaches the same database, without Kestrel.
/// One file per command in this folder; this is their list.
/// </summary>
public static class AdminCommands
{
    private static RootCommand Create(AdminConsole console) => new(
        """
        Ralliement: without a command, starts the web site. With one, runs it and exits.
        Settings are those of the site, as --Key=value after the command (for instance
        --DataDirectory=/var/lib/ralliement or --Database:Provider=Postgres), or from
        appsettings.json and environment variables.
        Exit codes: 0 done, 1 failed, 2 wrong arguments or unknown name, 3 migrations pending (migrate --list).
        """)
    {
        ExportSignaturesCommand.Create(console),
        CreateOrganiserCommand.Create(console),
        NewKeysCommand.Create(console),
        StatusCommand.Create(console),
        BackupCommand.Create(console),
        RestoreCommand.Create(console),
        MigrateCommand.Create(console),
    };

    /// <summary>Runs an admin command when the arguments name one; false means: start the site.</summary>
    public static async Task<bool> TryRunAsync(string[] args)
    {
        var exitCode = await RunAsync(args, Console.OpenStandardOutput, Console.Error);
        if (exitCode is null)
        {
            return false;
        }
        Environment.ExitCode = exitCode.Value;
        return true;
    }

    /// <returns>The exit code (see <see cref="AdminCommandLine"/>), or null when the arguments name no command.</returns>
    public static async Task<int?> RunAsync(IReadOnlyList<string> args, Func<Stream> standardOutput, TextWriter errors)
    {
        var console = new AdminConsole(standardOutput, errors);
        var root = Create(console);
        if (args.Count == 0 || !AdminCommandLine.NamesACommand(root, args[0]))
        {
            return null;
        }
        return await AdminCommandLine.InvokeAsync(root, args, console);
    }
}
