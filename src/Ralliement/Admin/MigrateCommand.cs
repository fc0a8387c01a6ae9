using System.CommandLine;
using System.Data.Common;

namespace Ralliement.Admin;

/// <summary><c>Ralliement migrate [--list]</c>: brings the database to this version's schema before nodes start, or says what it lacks.</summary>
internal static class MigrateCommand
{
    /// <summary>The exit code of <c>migrate --list</c> when the database lacks migrations, so a deployment script can tell.</summary>
    public const int Pending = 3;

    public static Command Create(AdminConsole console)
    {
        var list = new Option<bool>("--list")
        {
            Description = "Prints the applied and the pending migrations to standard output and changes nothing; exits 3 when some are pending.",
        };
        // One line: the list of commands shows it whole.
        var command = new Command("migrate", "Applies pending migrations under the nodes' lock, naming each (for Database:MigrateOnStart=false).") { list };
        command.SetAction((parse, cancellation) => parse.GetValue(list)
            ? ListAsync(AdminCommandLine.SettingsOf(parse), console, cancellation)
            : MigrateAsync(AdminCommandLine.SettingsOf(parse), console));
        return command;
    }

    private static async Task<int> MigrateAsync(string[] settings, AdminConsole console)
    {
        IReadOnlyList<string> applied;
        try
        {
            await using var host = AdminHost.BuildServices(settings);
            applied = await host.Services.MigrateDatabaseAsync();
        }
        catch (Exception exception) when (Unreachable(exception) is { } sentence)
        {
            await console.Errors.WriteLineAsync(sentence);
            return AdminCommandLine.Failed;
        }
        catch (InvalidOperationException exception)
        {
            // The site's own sentence about its settings (a provider without its connection string or keys).
            await console.Errors.WriteLineAsync(exception.Message);
            return AdminCommandLine.Failed;
        }
        foreach (var migration in applied)
        {
            await console.Errors.WriteLineAsync($"Applied {migration}");
        }
        await console.Errors.WriteLineAsync(applied.Count == 0 ? "The database is up to date." : $"The database is up to date: {applied.Count} migrations applied.");
        return AdminCommandLine.Done;
    }

    private static async Task<int> ListAsync(string[] settings, AdminConsole console, CancellationToken cancellation)
    {
        DataServices.MigrationList migrations;
        try
        {
            await using var host = AdminHost.BuildServices(settings);
            migrations = await host.Services.ReadMigrationsAsync(cancellation);
        }
        catch (Exception exception) when (Unreachable(exception) is { } sentence)
        {
            await console.Errors.WriteLineAsync(sentence);
            return AdminCommandLine.Failed;
        }
        catch (InvalidOperationException exception)
        {
            // The site's own sentence about its settings (a provider without its connection string or keys).
            await console.Errors.WriteLineAsync(exception.Message);
            return AdminCommandLine.Failed;
        }
        await using (var output = new StreamWriter(console.OpenOutput()))
        {
            // Two columns a script can cut: the state, then the migration's name (its date comes first).
            foreach (var migration in migrations.Applied)
            {
                await output.WriteLineAsync($"applied  {migration}");
            }
            foreach (var migration in migrations.Pending)
            {
                await output.WriteLineAsync($"pending  {migration}");
            }
        }
        if (migrations.Pending.Count == 0)
        {
            await console.Errors.WriteLineAsync("The database is up to date.");
            return AdminCommandLine.Done;
        }
        await console.Errors.WriteLineAsync($"{migrations.Pending.Count} migrations are pending: the migrate command applies them.");
        return Pending;
    }

    /// <summary>
    /// A server that does not answer or refuses the user, or a file that cannot be opened, in one
    /// sentence without a stack trace; null for anything else. EF Core may wrap the driver's error (in an
    /// InvalidOperationException about transient failures): the driver's own is the one that says what
    /// happened. Its message names the host, the port or the user, never the password.
    /// </summary>
    private static string? Unreachable(Exception exception)
    {
        var cause = exception is InvalidOperationException { InnerException: DbException inner } ? inner : exception;
        if (cause is not (DbException or IOException or UnauthorizedAccessException))
        {
            return null;
        }
        return $"The database cannot be reached ({cause.Message.Split('\n')[0].Trim().TrimEnd('.')}): check Database:Provider, ConnectionStrings:Ralliement or DataDirectory, and that the database server runs.";
    }
}
