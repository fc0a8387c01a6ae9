using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Ralliement.Privacy;

namespace Ralliement.Data;

public static class DataServices
{
    /// <summary>Where the SQLite file, the generated privacy keys, the erasure log and the development mail folder live.</summary>
    public static string DataDirectory(this IConfiguration configuration, IHostEnvironment environment) =>
        Path.GetFullPath(configuration["DataDirectory"] is { Length: > 0 } dir ? dir : "data", environment.ContentRootPath);

    public static void AddData(this WebApplicationBuilder builder)
    {
        // Sealed addresses are part of the data: whatever reads the database can open them.
        builder.AddAddressProtection();
        var provider = builder.Configuration.ChosenDatabase();
        var configured = builder.Configuration.GetConnectionString("Ralliement");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Ralliement is empty: give it, e.g. \"Host=…;Database=ralliement;Username=…;Password=…\".");
            }
            builder.Services.AddDbContext<RalliementDb, PostgresRalliementDb>(options => options.UseNpgsql(configured));
            return;
        }
        var dataDirectory = builder.Configuration.DataDirectory(builder.Environment);
        Directory.CreateDirectory(dataDirectory);
        var connectionString = configured is { Length: > 0 }
            ? configured
            : new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "ralliement.db") }.ToString();

        builder.Services.AddDbContext<RalliementDb, SqliteRalliementDb>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqliteDurability()));
    }

    /// <summary><c>Database:Provider</c>: <c>Sqlite</c> (the default) or <c>Postgres</c>; anything else stops the start-up with a clear message.</summary>
    public static DatabaseProvider ChosenDatabase(this IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }
        // By name only: Enum.TryParse would also take "1" for Postgres.
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            if (string.Equals(provider.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }
        throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not \"{value}\".");
    }

    /// <summary>
    /// At start-up: applies pending migrations, unless <c>Database:MigrateOnStart</c> is false (an operator
    /// runs <c>migrate</c> instead). Returns false when migrations are still pending: the node then serves
    /// nothing it could not read, says so once in the log, and <c>/readyz</c> keeps traffic away from it.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this IServiceProvider services)
    {
        if (services.GetRequiredService<IConfiguration>().GetValue("Database:MigrateOnStart", true))
        {
            await services.MigrateDatabaseAsync();
            return true;
        }
        var pending = (await services.ReadMigrationsAsync()).Pending;
        if (pending.Count == 0)
        {
            await services.ImportKeyFilesAsync();
            return true;
        }
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataServices)).LogWarning(
            "{Count} migrations are not applied and Database:MigrateOnStart is false: this node is not ready until the migrate command applies them.",
            pending.Count);
        return false;
    }

    /// <summary>The migrations this version knows, split into those the database has and those it lacks, oldest first.</summary>
    public sealed record MigrationList(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending);

    /// <summary>Reads which migrations are applied, changing nothing: a database not created yet has none.</summary>
    public static async Task<MigrationList> ReadMigrationsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        // Asked first so that neither provider creates the database (SQLite would make an empty file).
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            return new([], [.. db.Database.GetMigrations()]);
        }
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var known = db.Database.GetMigrations().ToList();
        return new([.. known.Where(applied.Contains)], [.. known.Where(m => !applied.Contains(m))]);
    }

    /// <summary>
    /// Applies pending migrations and returns those it applied, oldest first (none when another node
    /// had applied them); WAL lets readers go on while a signature is written. Then copies in the
    /// former key files of this data folder, into the table the migrations made.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        IReadOnlyList<string> applied;
        if (db.Database.IsNpgsql())
        {
            applied = await MigratePostgresAsync(db);
        }
        else
        {
            applied = (await db.Database.GetPendingMigrationsAsync()).ToList();
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        await services.ImportKeyFilesAsync();
        return applied;
    }

    /// <summary>An arbitrary key of the advisory lock that lets one node at a time migrate.</summary>
    private const long MigrationLock = 0x52616c6c;

    /// <summary>
    /// Several nodes may start at once on one PostgreSQL database. Measured here, EF Core's own
    /// migration lock let two of them apply the same migration to a new database ("column already
    /// exists"), so each node creates the database if needed, then migrates under an advisory lock.
    /// The <c>migrate</c> command takes the same lock, so it can run while nodes start.
    /// </summary>
    private static async Task<IReadOnlyList<string>> MigratePostgresAsync(RalliementDb db)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync())
        {
            try
            {
                await creator.CreateAsync();
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another node created it first.
            }
        }
        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLock})");
            // Read under the lock: what a node that held it before applied is no longer pending.
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            await db.Database.MigrateAsync();
            return pending;
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLock})");
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// True when the database refused a row because it duplicates a unique key. PostgreSQL aborts
    /// the whole transaction on it: the caller must re-read in a fresh one.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        // SQLITE_CONSTRAINT (19) with SQLITE_CONSTRAINT_UNIQUE (2067) or _PRIMARYKEY (1555).
        SqliteException sqlite => sqlite is { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 },
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Every SQLite connection waits for the write lock instead of failing at once, and makes a
    /// commit durable before it returns (synchronous=FULL): an acknowledged signature survives a crash.
    /// </summary>
    private sealed class SqliteDurability : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            Apply(connection);

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}
