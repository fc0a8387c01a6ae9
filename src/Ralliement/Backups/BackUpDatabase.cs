using Microsoft.Data.Sqlite;

namespace Ralliement.Backups;

/// <summary>
/// Copies the database to a file while the site goes on serving and writing: SQLite through its online
/// backup API (one consistent snapshot; in WAL mode writers are not held up), PostgreSQL through
/// <c>pg_dump --format=custom</c>. The copy is written to <c>FILE.partial</c> and renamed once complete.
/// </summary>
public sealed class BackUpDatabase(RalliementDb db, IConfiguration configuration)
{
    /// <summary>Done, with what the backup holds; or failed, with the reason a person reads.</summary>
    public sealed record Outcome(bool Done, string Message);

    public async Task<Outcome> HandleAsync(string output, CancellationToken cancellationToken)
    {
        output = Path.GetFullPath(output);
        if (Path.GetDirectoryName(output) is { } folder && !Directory.Exists(folder))
        {
            return new Outcome(false, $"The folder {folder} does not exist.");
        }
        var partial = output + ".partial";
        BackupFile.CreatePrivate(partial);
        try
        {
            var outcome = db.SqliteFile() is { } source
                ? await BackUpSqliteAsync(source, partial, output, cancellationToken)
                : await BackUpPostgresAsync(partial, output, cancellationToken);
            if (outcome.Done)
            {
                BackupFile.Publish(partial, output);
            }
            return outcome;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task<Outcome> BackUpSqliteAsync(string source, string partial, string output, CancellationToken cancellationToken)
    {
        if (!File.Exists(source))
        {
            return new Outcome(false, $"There is no database at {source}: check DataDirectory.");
        }
        await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            await ExecuteAsync(from, "PRAGMA busy_timeout=10000;", cancellationToken);
            from.BackupDatabase(to);
            // One self-contained file, whatever the site's journal mode.
            await ExecuteAsync(to, "PRAGMA journal_mode=DELETE;", cancellationToken);
            await using var count = to.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM Signatures";
            var signatures = (long)(await count.ExecuteScalarAsync(cancellationToken) ?? 0L);
            return new Outcome(true, $"Backed up the SQLite database ({signatures} signatures) to {output}.");
        }
    }

    private async Task<Outcome> BackUpPostgresAsync(string partial, string output, CancellationToken cancellationToken)
    {
        var connectionString = db.Database.GetConnectionString() ?? "";
        var result = await PostgresTools.RunAsync("pg_dump", configuration, connectionString,
            ["--format=custom", $"--file={partial}", $"--dbname={PostgresTools.DatabaseOf(connectionString)}"], cancellationToken);
        if (!result.Found)
        {
            return new Outcome(false, $"{PostgresTools.PathOf("pg_dump", configuration)} was not found. Install PostgreSQL's client tools of the server's "
                + "major version (Debian: postgresql-client-NN), or name their folder with --Backups:PostgresTools=/usr/lib/postgresql/NN/bin.");
        }
        if (result.ExitCode != 0)
        {
            return new Outcome(false, $"pg_dump failed (exit code {result.ExitCode}):\n{result.Errors}");
        }
        return new Outcome(true, $"Backed up the PostgreSQL database ({new FileInfo(partial).Length / 1024} KB, pg_dump custom format) to {output}.");
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>What a backup leaves out on purpose, and where it must be kept instead.</summary>
    public static string NotInTheBackup(IConfiguration configuration, IHostEnvironment environment)
    {
        var data = configuration.DataDirectory(environment);
        var keysFromConfiguration = configuration["Privacy:AddressHashKey"] is { Length: > 0 };
        return string.Join('\n',
            "Not in the backup, to keep elsewhere (never beside the backup: together they open every address):",
            keysFromConfiguration
                ? "  - the privacy keys (Privacy:AddressHashKey, Privacy:EncryptionKeys): they are in your configuration; keep a copy of it in a safe place;"
                : $"  - the privacy keys: {Path.Combine(data, "keys", "privacy-keys.json")}; without them no address in the backup can be read or matched again;",
            $"  - the data-protection keys folder {Path.Combine(data, "keys")} (organisers' sessions and links): without it they sign in again;",
            $"  - the erasure log {configuration.ErasureLogPath(environment)}: a restore replays it so that nobody who withdrew or erased after this backup comes back.");
    }
}
