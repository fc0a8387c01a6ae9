using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Ralliement.Bench;

/// <summary>The embedded default: the app's own file in its data folder.</summary>
public sealed class SqliteDatabase : BenchDatabase
{
    private string _file = "";

    public override string Name => "sqlite";

    public override IReadOnlyList<string> AppArguments => ["--Database:Provider=Sqlite"];

    public override Task PrepareAsync(string dataDirectory)
    {
        _file = Path.Combine(dataDirectory, "ralliement.db");
        return Task.CompletedTask;
    }

    protected override DbConnection Connect() =>
        new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString());

    /// <summary>One transaction and one prepared insert: what SQLite needs to take rows by the hundred thousand a second.</summary>
    public override async Task BulkLoadAsync(long campaignId, int count)
    {
        await using var connection = (SqliteConnection)Connect();
        await connection.OpenAsync();
        await using (var transaction = connection.BeginTransaction())
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO "Signatures" ("CampaignId", "State", "Language", "FirstName", "LastName", "EmailDomain", "EmailKey",
                    "Institution", "ProfessionalStatus", "Discipline", "SearchText", "ShowPublicly", "AcceptsNews",
                    "CreatedAt", "ConfirmedAt", "LastMailAt")
                VALUES ($campaign, 'Confirmed', 'fr', $first, $last, 'bench.example', $email, $institution, $status, $discipline,
                    $search, 1, 0, $at, $at, $at)
                """;
            insert.Parameters.AddWithValue("$campaign", campaignId);
            var first = insert.Parameters.Add("$first", SqliteType.Text);
            var last = insert.Parameters.Add("$last", SqliteType.Text);
            var email = insert.Parameters.Add("$email", SqliteType.Text);
            var institution = insert.Parameters.Add("$institution", SqliteType.Text);
            var status = insert.Parameters.Add("$status", SqliteType.Text);
            var discipline = insert.Parameters.Add("$discipline", SqliteType.Text);
            var search = insert.Parameters.Add("$search", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            insert.Prepare();
            foreach (var row in Generate(count))
            {
                first.Value = row.FirstName;
                last.Value = row.LastName;
                email.Value = row.EmailKey;
                institution.Value = row.Institution;
                status.Value = row.Status;
                discipline.Value = row.Discipline;
                search.Value = row.SearchText;
                // The text form EF Core's SQLite provider writes, so that the app orders and reads it back.
                at.Value = row.ConfirmedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        // Fold the write-ahead log back into the file, as a quiet moment in production would.
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync();
    }
}
