using System.CommandLine;
using System.Data.Common;
using Ralliement.Backups;

namespace Ralliement.Admin;

/// <summary><c>Ralliement backup --output FILE</c>: a copy of the database taken while the site runs, without the keys.</summary>
internal static class BackupCommand
{
    public static Command Create(AdminConsole console)
    {
        var output = new Option<string>("--output", "-o") { Description = "The backup file to write (written beside it, then renamed once complete).", Required = true };
        var command = new Command("backup", """
            Copies the site's database to a file while the site goes on serving and writing. SQLite: a
            consistent snapshot through SQLite's online backup. PostgreSQL: pg_dump --format=custom, from
            PostgreSQL's client tools of the server's major version (--Backups:PostgresTools=FOLDER names
            their folder), the password passed in its environment only. The file holds signers' personal
            data: it is created readable by this account only. It does NOT hold the privacy keys, the
            data-protection keys folder nor the erasure log: the command says where they are, to be kept
            elsewhere. Restore it with: Ralliement restore --input FILE.
            """) { output };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(output)!, AdminCommandLine.SettingsOf(parse), console, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string output, string[] settings, AdminConsole console, CancellationToken cancellation)
    {
        await using var host = AdminHost.BuildServices(settings);
        await using var scope = host.Services.CreateAsyncScope();
        var backUp = ActivatorUtilities.CreateInstance<BackUpDatabase>(scope.ServiceProvider);
        BackUpDatabase.Outcome outcome;
        try
        {
            outcome = await backUp.HandleAsync(output, cancellation);
        }
        catch (Exception exception) when (exception is DbException or IOException or UnauthorizedAccessException)
        {
            outcome = new BackUpDatabase.Outcome(false, $"Backup failed: {exception.Message}");
        }
        await console.Errors.WriteLineAsync(outcome.Message);
        if (!outcome.Done)
        {
            return AdminCommandLine.Failed;
        }
        await console.Errors.WriteLineAsync(BackUpDatabase.NotInTheBackup(host.Configuration, host.Environment));
        return AdminCommandLine.Done;
    }
}
