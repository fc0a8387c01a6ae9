using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Ralliement.Bench;

/// <summary>A database of its own in the throw-away cluster of tests/postgres.sh.</summary>
public sealed class PostgresDatabase(string server) : BenchDatabase
{
    private readonly string _connectionString = $"{server};Database=bench_{Guid.NewGuid():N}";

    public override string Name => "postgres";

    /// <summary>With PostgreSQL the privacy keys must come from configuration: a fresh set for each run, the same for every start.</summary>
    private readonly string[] _privacyKeys =
        [$"--Privacy:AddressHashKey={NewKey()}", $"--Privacy:EncryptionKeys:bench={NewKey()}", "--Privacy:CurrentEncryptionKey=bench"];

    public override IReadOnlyList<string> AppArguments =>
        ["--Database:Provider=Postgres", $"--ConnectionStrings:Ralliement={_connectionString}", .. _privacyKeys];

    private static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public override async Task PrepareAsync(string dataDirectory)
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
    }

    protected override DbConnection Connect() => new NpgsqlConnection(_connectionString);

    /// <summary>Binary COPY: the fastest way into PostgreSQL, about a second per hundred thousand rows.</summary>
    public override async Task BulkLoadAsync(long campaignId, int count)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY "Signatures" ("CampaignId", "State", "Language", "FirstName", "LastName", "EmailDomain", "EmailKey",
                "Institution", "ProfessionalStatus", "Discipline", "SearchText", "ShowPublicly", "AcceptsNews",
                "CreatedAt", "ConfirmedAt", "LastMailAt") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var row in Generate(count))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync((int)campaignId, NpgsqlDbType.Integer);
                await copy.WriteAsync("Confirmed", NpgsqlDbType.Varchar);
                await copy.WriteAsync("fr", NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.FirstName, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.LastName, NpgsqlDbType.Varchar);
                await copy.WriteAsync("bench.example", NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.EmailKey, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Institution, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Status, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Discipline, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.SearchText, NpgsqlDbType.Varchar);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(row.ConfirmedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.ConfirmedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.ConfirmedAt, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        // Fresh statistics and visibility map, as autovacuum leaves them after such a load. With ANALYZE
        // alone, autovacuum's first pass over the million new rows ran during the measurements and the
        // campaign page's p99 rose to 260-300 ms in two runs (5.7 ms after VACUUM ANALYZE, p50 unchanged).
        await using var analyze = new NpgsqlCommand("""VACUUM ANALYZE "Signatures" """, connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
