using System.CommandLine;
using System.Data.Common;
using Ralliement.Backups;

namespace Ralliement.Admin;

/// <summary><c>Ralliement restore --input FILE</c>: puts a backup back, then re-applies every erasure made since.</summary>
internal static class RestoreCommand
{
    public static Command Create(AdminConsole console)
    {
        var input = new Option<string>("--input", "-i") { Description = "The backup file, made by Ralliement backup.", Required = true };
        var erasures = new Option<string[]>("--erasures")
        {
            Description = "An erasure log to replay; give each node's log when they keep their own. Default: Backups:ErasureLog.",
            AllowMultipleArgumentsPerToken = false,
        };
        var yes = new Option<bool>("--yes") { Description = "Replace the database without asking (required without a terminal)." };
        var command = new Command("restore", """
            Replaces the site's database with a backup made by Ralliement backup, then: applies pending
            migrations (a backup from an older version), re-applies every withdrawal, erasure, rejection,
            news stop and organisation deletion found in the erasure logs (so nobody who left after the
            backup comes back), and runs the retention purges at once.
            Stop the site first. SQLite: the restore refuses while a site runs on the file; the backup is
            restored into a new file, finished there, then swapped in, the old one kept as
            FILE.before-restore. PostgreSQL: stop every node yourself (this cannot be checked from here);
            pg_restore --clean --if-exists --no-owner replaces the configured database's tables in one
            transaction. A SQLite backup is not restored into PostgreSQL, nor the reverse.
            """) { input, erasures, yes };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(input)!, parse.GetValue(erasures) ?? [], parse.GetValue(yes), AdminCommandLine.SettingsOf(parse), console, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string input, string[] erasures, bool yes, string[] settings, AdminConsole console, CancellationToken cancellation)
    {
        if (!yes)
        {
            if (Console.IsInputRedirected)
            {
                await console.Errors.WriteLineAsync("A restore replaces the site's database: add --yes to confirm.");
                return AdminCommandLine.WrongArguments;
            }
            await console.Errors.WriteAsync($"Replace the site's database with {input}? Type yes: ");
            if (!string.Equals(Console.ReadLine()?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
            {
                await console.Errors.WriteLineAsync("Nothing was changed.");
                return AdminCommandLine.Failed;
            }
        }
        RestoreDatabase.Outcome outcome;
        try
        {
            outcome = await RestoreDatabase.HandleAsync(input, erasures, settings, cancellation);
        }
        catch (Exception exception) when (exception is DbException or IOException or UnauthorizedAccessException)
        {
            outcome = new RestoreDatabase.Outcome(AdminCommandLine.Failed, $"Restore failed: {exception.Message}");
        }
        await console.Errors.WriteLineAsync(outcome.Message);
        return outcome.ExitCode;
    }
}
