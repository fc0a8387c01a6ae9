namespace Ralliement.Admin;

/// <summary>
/// The admin command line: the same executable as the site, so a command reads the same settings
/// (appsettings.json, environment, <c>--Key=value</c>) and reaches the same database, without Kestrel.
/// Each command lives in the folder of its feature; this is their list.
/// </summary>
public static class AdminCommands
{
    public static readonly string Usage = string.Join('\n',
        Export.ExportSignaturesCommand.Usage,
        Organisers.CreateOrganiserCommand.Usage,
        Privacy.NewKeysCommand.Usage,
        """
          Settings are those of the site (for instance --DataDirectory=/var/lib/ralliement).
        Without a command, Ralliement starts the web site.
        """);

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

    /// <returns>The exit code (0 done, 1 failed, 2 wrong arguments or unknown campaign), or null when no command was named.</returns>
    public static async Task<int?> RunAsync(IReadOnlyList<string> args, Func<Stream> standardOutput, TextWriter errors) => args.FirstOrDefault() switch
    {
        "export" => await Export.ExportSignaturesCommand.RunAsync(args, standardOutput, errors),
        "organiser" => await Organisers.CreateOrganiserCommand.RunAsync(args, standardOutput, errors),
        "keys" => await Privacy.NewKeysCommand.RunAsync(args, standardOutput, errors),
        _ => null,
    };
}
