using Microsoft.Data.Sqlite;
using Ralliement.Retention;
using Ralliement.Signing;

namespace Ralliement.Backups;

/// <summary>
/// Puts a backup back in place of the database, then makes it safe to serve again: pending
/// migrations (a backup from an older version), the erasure logs replayed (nobody who left after the
/// backup comes back), the retention purges run at once. SQLite is restored into a new file, finished
/// there, then swapped in (the old file kept as <c>.before-restore</c>); PostgreSQL through
/// <c>pg_restore --clean --if-exists --no-owner</c> in one transaction.
/// </summary>
public static class RestoreDatabase
{
    public sealed record Outcome(int ExitCode, string Message);

    public static async Task<Outcome> HandleAsync(string input, IReadOnlyList<string> erasureLogs, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        input = Path.GetFullPath(input);
        if (!File.Exists(input))
        {
            return new Outcome(2, $"There is no file {input}.");
        }
        var made = BackupFile.ProviderOf(input);
        if (made is null)
        {
            return new Outcome(2, $"{input} is not a backup of Ralliement: neither a SQLite database nor a pg_dump custom-format file.");
        }
        await using var site = RestoreHost.Build(settings);
        var provider = site.Configuration.ChosenDatabase();
        if (made != provider)
        {
            return new Outcome(2, $"{input} is a {Named(made.Value)} backup; this site's database is {Named(provider)} (Database:Provider). "
                + "A backup is restored into the kind of database that made it; to move between them, export and import instead.");
        }
        var defaultLog = site.Configuration.ErasureLogPath(site.Environment);
        var logs = erasureLogs.Count > 0 ? erasureLogs.Select(Path.GetFullPath).ToList() : File.Exists(defaultLog) ? [defaultLog] : [];
        if (logs.FirstOrDefault(log => !File.Exists(log)) is { } missing)
        {
            return new Outcome(2, $"There is no erasure log {missing}.");
        }
        // Every log is read before anything changes: a log that cannot be read stops the restore while the database is intact.
        var events = new List<ErasureLog.Entry>();
        var unreadable = 0;
        foreach (var log in logs)
        {
            var (entries, bad) = ErasureLog.Read(log);
            events.AddRange(entries);
            unreadable += bad;
        }

        await using var scope = site.Services.CreateAsyncScope();
        var sqliteFile = scope.ServiceProvider.GetRequiredService<RalliementDb>().SqliteFile();
        Finished finished;
        string kept;
        if (sqliteFile is not null)
        {
            using var alone = SiteLock.TryTakeAlone(sqliteFile);
            if (alone is null)
            {
                return new Outcome(1, $"A site is running on {sqliteFile}: stop it (every process using this data folder) before restoring.");
            }
            var restoring = sqliteFile + ".restoring";
            await CopySqliteAsync(input, restoring, cancellationToken);
            await using (var restored = RestoreHost.Build([.. settings, $"--ConnectionStrings:Ralliement={new SqliteConnectionStringBuilder { DataSource = restoring }}"]))
            {
                finished = await FinishAsync(restored, events, cancellationToken);
            }
            SqliteConnection.ClearAllPools();
            await SettleAsync(restoring, cancellationToken);
            kept = sqliteFile + ".before-restore";
            if (File.Exists(sqliteFile))
            {
                // A site stopped by a crash may have left committed writes in its WAL: they go with the old file.
                await SettleAsync(sqliteFile, cancellationToken);
                File.Replace(restoring, sqliteFile, kept);
            }
            else
            {
                File.Move(restoring, sqliteFile);
                kept = "";
            }
        }
        else
        {
            var connectionString = scope.ServiceProvider.GetRequiredService<RalliementDb>().Database.GetConnectionString() ?? "";
            var result = await PostgresTools.RunAsync("pg_restore", site.Configuration, connectionString,
                ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", $"--dbname={PostgresTools.DatabaseOf(connectionString)}", input],
                cancellationToken);
            if (!result.Found)
            {
                return new Outcome(1, $"{PostgresTools.PathOf("pg_restore", site.Configuration)} was not found. Install PostgreSQL's client tools of the server's "
                    + "major version (Debian: postgresql-client-NN), or name their folder with --Backups:PostgresTools=/usr/lib/postgresql/NN/bin.");
            }
            if (result.ExitCode != 0)
            {
                return new Outcome(1, $"pg_restore failed (exit code {result.ExitCode}); the database is as it was:\n{result.Errors}");
            }
            finished = await FinishAsync(site, events, cancellationToken);
            kept = "";
        }

        var lines = new List<string>
        {
            $"Restored {Count(finished.Signatures, "signature")}; re-applied {Count(finished.Erasures, "erasure")} recorded after the backup; "
                + $"purged {Count(finished.Unconfirmed, "expired unconfirmed signature")}.",
        };
        if (finished.Campaigns > 0)
        {
            lines.Add($"Erased the personal data of {Count(finished.Campaigns, "campaign")} past its retention period.");
        }
        lines.Add(logs.Count > 0
            ? $"Erasure logs read: {string.Join(", ", logs)} ({Count(events.Count, "event")})."
            : $"No erasure log was found at {defaultLog}: nothing was re-applied. Give the logs of every node with --erasures FILE.");
        if (unreadable > 0)
        {
            lines.Add($"{Count(unreadable, "line")} of the erasure logs could not be read (a line cut by a crash?) and {(unreadable == 1 ? "was" : "were")} skipped.");
        }
        if (kept.Length > 0)
        {
            lines.Add($"The database as it was before is kept as {kept}.");
        }
        return new Outcome(0, string.Join('\n', lines));
    }

    private sealed record Finished(int Signatures, int Erasures, int Unconfirmed, int Campaigns);

    private static async Task<Finished> FinishAsync(WebApplication host, List<ErasureLog.Entry> events, CancellationToken cancellationToken)
    {
        await host.Services.MigrateDatabaseAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var signatures = await services.GetRequiredService<RalliementDb>().Signatures.CountAsync(cancellationToken);
        var erasures = await services.GetRequiredService<ReplayErasures>().HandleAsync(events, cancellationToken);
        var unconfirmed = await services.GetRequiredService<PurgeUnconfirmedSignatures>().PurgeAsync(cancellationToken);
        var campaigns = await services.GetRequiredService<PurgeExpiredPersonalData>().PurgeAsync(cancellationToken);
        return new Finished(signatures, erasures, unconfirmed, campaigns);
    }

    /// <summary>A fresh copy of the backup through SQLite itself: a damaged file fails here, before anything is replaced.</summary>
    private static async Task CopySqliteAsync(string input, string restoring, CancellationToken cancellationToken)
    {
        BackupFile.CreatePrivate(restoring);
        await using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = input, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = restoring, Pooling = false }.ToString());
        await from.OpenAsync(cancellationToken);
        await to.OpenAsync(cancellationToken);
        from.BackupDatabase(to);
    }

    /// <summary>Everything in the file itself, no WAL beside it, so that it can be renamed alone.</summary>
    private static async Task SettleAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Named(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
