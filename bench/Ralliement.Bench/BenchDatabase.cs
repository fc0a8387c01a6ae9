using System.Data.Common;

namespace Ralliement.Bench;

/// <summary>
/// One database provider as the benchmark sees it: how to point the app at it, how to count what
/// the app stored, and how to load a million signatures faster than the app could take them.
/// The SQL is written once: both SQLite and PostgreSQL accept double-quoted identifiers, and EF
/// Core names tables after the DbSets and columns after the properties (Data/RalliementDb.cs).
/// </summary>
public abstract class BenchDatabase
{
    /// <summary>Prefix of every figure: sqlite, postgres.</summary>
    public abstract string Name { get; }

    /// <summary>Creates an empty database for this run; the app migrates it when it starts.</summary>
    public abstract Task PrepareAsync(string dataDirectory);

    /// <summary>The provider contract: --Database:Provider and --ConnectionStrings:Ralliement.</summary>
    public abstract IReadOnlyList<string> AppArguments { get; }

    protected abstract DbConnection Connect();

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<long> CampaignIdAsync() =>
        ScalarAsync($"""SELECT "Id" FROM "Campaigns" WHERE "Slug" = '{BenchOptions.Slug}'""");

    /// <summary>
    /// Signatures of a scenario, in any state, found by their last name (sign.lua writes the
    /// scenario's prefix there): the stored address is only a keyed hash.
    /// </summary>
    public Task<long> SignaturesAsync(string prefix) =>
        ScalarAsync($"""SELECT COUNT(*) FROM "Signatures" WHERE "LastName" LIKE '{prefix}-%'""");

    public Task<long> ConfirmedAsync() =>
        ScalarAsync("""SELECT COUNT(*) FROM "Signatures" WHERE "State" = 'Confirmed'""");

    public Task<long> HeldAsync() =>
        ScalarAsync("""SELECT COUNT(*) FROM "Signatures" WHERE "State" = 'Held'""");

    /// <summary>Signatures written as unproven: with a fresh, solved proof for each, there should be none.</summary>
    public Task<long> UnprovenAsync() =>
        ScalarAsync("""SELECT COUNT(*) FROM "Signatures" WHERE "HoldReason" = 'NoProofOfWork'""");

    public Task<long> CampaignCountAsync() =>
        ScalarAsync($"""SELECT "SignatureCount" FROM "Campaigns" WHERE "Slug" = '{BenchOptions.Slug}'""");

    public Task<long> PendingMailAsync() =>
        ScalarAsync("""SELECT COUNT(*) FROM "Outbox" WHERE "State" = 'Pending'""");

    public Task<long> LastOutboxIdAsync() =>
        ScalarAsync("""SELECT COALESCE(MAX("Id"), 0) FROM "Outbox" """);

    /// <summary>Drops the emails still waiting, so that a mail scenario does not inherit the backlog of the one before.</summary>
    public Task<long> DiscardPendingMailAsync() =>
        ScalarAsync("""DELETE FROM "Outbox" WHERE "State" = 'Pending'""");

    /// <summary>The emails written after <paramref name="afterId"/> that were sent, and when the first and the last left.</summary>
    public async Task<(long Sent, DateTime? First, DateTime? Last)> SentAfterAsync(long afterId)
    {
        var where = $"""FROM "Outbox" WHERE "Id" > {afterId} AND "State" = 'Sent'""";
        return (await ScalarAsync($"SELECT COUNT(*) {where}"),
            await DateAsync($"""SELECT MIN("SentAt") {where}"""),
            await DateAsync($"""SELECT MAX("SentAt") {where}"""));
    }

    /// <summary>A scenario's signatures in one state (Confirmed, Held), by their last name as in <see cref="SignaturesAsync(string)"/>.</summary>
    public Task<long> SignaturesAsync(string prefix, string state) =>
        ScalarAsync($"""SELECT COUNT(*) FROM "Signatures" WHERE "LastName" LIKE '{prefix}-%' AND "State" = '{state}'""");

    /// <summary>SQLite gives dates back as text, PostgreSQL as DateTime; both are UTC (Data/ stores them so).</summary>
    private async Task<DateTime?> DateAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync() switch
        {
            DateTime date => DateTime.SpecifyKind(date, DateTimeKind.Utc),
            string text => DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal),
            _ => null,
        };
    }

    /// <summary>Sets the campaign's count to its confirmed signatures, as confirmations would have.</summary>
    public Task<long> RecountAsync(long campaignId) => ScalarAsync($"""
        UPDATE "Campaigns" SET "SignatureCount" =
            (SELECT COUNT(*) FROM "Signatures" WHERE "CampaignId" = {campaignId} AND "State" = 'Confirmed')
        WHERE "Id" = {campaignId}
        """);

    /// <summary>Inserts confirmed, public signatures into the campaign, as one bulk operation.</summary>
    public abstract Task BulkLoadAsync(long campaignId, int count);

    /// <summary>The rows of the bulk load: plausible, distinct, ASCII so that the search form is the lower case.</summary>
    protected static IEnumerable<LoadedSignature> Generate(int count)
    {
        var confirmedAt = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
        string[] statuses = ["Enseignante", "Chercheur", "Doctorante", "Ingenieur", "Bibliothecaire"];
        string[] disciplines = ["Histoire", "Physique", "Sociologie", "Informatique", "Lettres"];
        for (var i = 0; i < count; i++)
        {
            var first = $"Prenom{i % 997}";
            var last = $"Nom{i}";
            var institution = $"Universite {i % 83}";
            yield return new LoadedSignature
            {
                FirstName = first,
                LastName = last,
                EmailKey = $"bulk-{i}",
                Institution = institution,
                Status = statuses[i % 5],
                Discipline = disciplines[i % 5],
                SearchText = $"{first} {last} {institution}".ToLowerInvariant(),
                ConfirmedAt = confirmedAt.AddSeconds(i),
            };
        }
    }

    protected sealed record LoadedSignature
    {
        public required string FirstName { get; init; }
        public required string LastName { get; init; }
        /// <summary>Stands for the keyed hash of an address, which confirmed signatures keep instead of the address.</summary>
        public required string EmailKey { get; init; }
        public required string Institution { get; init; }
        public required string Status { get; init; }
        public required string Discipline { get; init; }
        public required string SearchText { get; init; }
        public required DateTime ConfirmedAt { get; init; }
    }
}
