using Npgsql;

namespace Ralliement.Tests.Support;

/// <summary>
/// Which database the integration suite runs on. The test command runs the suite twice: on SQLite
/// files, then with <c>RALLIEMENT_TEST_POSTGRES</c> set to a throw-away PostgreSQL cluster
/// (a connection string without a database), where every app gets a database of its own.
/// </summary>
public static class TestDatabase
{
    public static string? PostgresServer { get; } =
        Environment.GetEnvironmentVariable("RALLIEMENT_TEST_POSTGRES") is { Length: > 0 } server ? server : null;

    public static bool IsPostgres => PostgresServer is not null;

    /// <summary>Settings that put an app on a new, empty database (nothing to add for SQLite: its file lives in the data folder).</summary>
    public static Dictionary<string, string> NewDatabaseSettings(out string? postgresDatabase)
    {
        postgresDatabase = null;
        if (PostgresServer is null)
        {
            return [];
        }
        postgresDatabase = $"ralliement_test_{Guid.NewGuid():N}";
        return new(PrivacySettings)
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Ralliement"] = ConnectionString(postgresDatabase),
        };
    }

    /// <summary>
    /// Fixed keys for apps on PostgreSQL, where the product requires them from configuration (on SQLite
    /// each app generates its own into its data folder). Test values, never used anywhere else.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PrivacySettings { get; } = new Dictionary<string, string>
    {
        ["Privacy:AddressHashKey"] = TestKey("address hash"),
        ["Privacy:EncryptionKeys:test1"] = TestKey("encryption 1"),
        ["Privacy:CurrentEncryptionKey"] = "test1",
    };

    public static string TestKey(string name) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("Ralliement tests: " + name)));

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ToString();

    /// <summary>Drops a test database, closing what the app's pool still holds on it.</summary>
    public static void DropPostgres(string database)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        // The name is ours (a GUID), never user input; identifiers cannot be parameters.
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
