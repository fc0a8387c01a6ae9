using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Ralliement.Tests.Support;
using Xunit.Abstractions;

namespace Ralliement.Tests.Resilience;

/// <summary>A campaign the size of a national petition: its public list and its export still hold every signature once.</summary>
[Slow]
[BothDatabases]
[Collection(nameof(RunsAlone))]
public sealed partial class SizeTests(ITestOutputHelper output) : IDisposable
{
    private const int Signatures = 100_000;
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_hundred_thousand_signatures_appear_once_each_in_the_public_list_and_in_the_export()
    {
        var clock = Stopwatch.StartNew();
        var (firstId, lastId) = await BulkInsertAsync();
        output.WriteLine($"Inserted {Signatures} signatures in {clock.ElapsedMilliseconds} ms");

        clock.Restart();
        var listed = await WalkPublicListAsync();
        output.WriteLine($"Walked the public list ({listed.Count} names) in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(Enumerable.Range(0, Signatures).Reverse(), listed);

        clock.Restart();
        var exported = await ExportedIdsAsync();
        output.WriteLine($"Exported {exported.Count} rows in {clock.ElapsedMilliseconds} ms");
        var expected = Enumerable.Range(0, Signatures).Select(i => firstId + i).ToList();
        Assert.Equal(lastId, expected[^1]);
        Assert.Equal(expected, exported.Where(id => id >= firstId).ToList());
        Assert.Equal(exported.Distinct().Count(), exported.Count);
    }

    /// <summary>
    /// Confirmed, public signatures written with plain ADO.NET in one transaction, a few hundred rows
    /// per statement (EF would take minutes to track 100,000 entities, and one round trip per row
    /// costs PostgreSQL seconds); the SQL is the same for SQLite and PostgreSQL.
    /// </summary>
    private async Task<(long First, long Last)> BulkInsertAsync() => await _app.WithDbAsync(async db =>
    {
        const int rowsPerStatement = 250;
        var campaignId = await db.Campaigns.Where(c => c.Slug == RalliementApp.Slug).Select(c => c.Id).SingleAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "Signatures" ("CampaignId", "State", "Language", "FirstName", "LastName", "EmailDomain", "EmailKey",
                "SearchText", "ShowPublicly", "AcceptsNews", "CreatedAt", "ConfirmedAt") VALUES
            """ + string.Join(",", Enumerable.Range(0, rowsPerStatement).Select(r =>
                $"\n(@campaign, 'Confirmed', 'fr', @first{r}, 'Taille', 'example.org', @email{r}, @search{r}, TRUE, FALSE, @at, @at)"));
        Parameter(insert, "@campaign", campaignId);
        Parameter(insert, "@at", _app.Clock.GetUtcNow().UtcDateTime);
        var rows = Enumerable.Range(0, rowsPerStatement)
            .Select(r => (First: Parameter(insert, $"@first{r}", ""), Email: Parameter(insert, $"@email{r}", ""), Search: Parameter(insert, $"@search{r}", "")))
            .ToList();
        await insert.PrepareAsync();
        for (var i = 0; i < Signatures; i += rowsPerStatement)
        {
            for (var r = 0; r < rowsPerStatement; r++)
            {
                rows[r].First.Value = $"S{i + r:D6}";
                // A key that is no address: the rows are fixtures, found by name.
                rows[r].Email.Value = $"size-{i + r}";
                rows[r].Search.Value = $"s{i + r:D6} taille";
            }
            await insert.ExecuteNonQueryAsync();
        }
        await using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = """UPDATE "Campaigns" SET "SignatureCount" = "SignatureCount" + @n WHERE "Id" = @campaign""";
        Parameter(count, "@n", Signatures);
        Parameter(count, "@campaign", campaignId);
        await count.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        var ids = await db.Signatures.Where(s => s.LastName == "Taille").GroupBy(_ => 1)
            .Select(g => new { First = g.Min(s => s.Id), Last = g.Max(s => s.Id) }).SingleAsync();
        return (ids.First, ids.Last);
    });

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Follows the "older" link from the first page to the last, as a reader or a crawler would.</summary>
    private async Task<List<int>> WalkPublicListAsync()
    {
        using var client = _app.Browser();
        var seen = new List<int>(Signatures);
        var link = $"/fr/c/{RalliementApp.Slug}/signatories";
        for (var pages = 0; pages <= Signatures / 50 + 1; pages++)
        {
            var page = await client.GetStringAsync(link);
            seen.AddRange(Name().Matches(page).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
            var older = OlderLink().Match(page);
            if (!older.Success)
            {
                return seen;
            }
            link = $"/fr/c/{RalliementApp.Slug}/signatories" + WebUtility.HtmlDecode(older.Groups[1].Value);
        }
        throw new InvalidOperationException("The public list has more pages than signatures allow.");
    }

    /// <summary>The ids in the admin CLI's export, run as an administrator runs it, against the same data.</summary>
    private async Task<List<long>> ExportedIdsAsync()
    {
        var (exitCode, csv, errors) = await RalliementProcess.RunCommandAsync(
            ["export", "signatures", RalliementApp.Slug, .. RalliementProcess.SettingsOf(_app)]);
        Assert.True(exitCode == 0, errors);
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        var ids = new List<long>(Signatures);
        await reader.ReadAsync();
        reader.ReadHeader();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetField<long>("id"));
        }
        return ids;
    }

    [GeneratedRegex("<strong>S(\\d{6}) Taille</strong>")]
    private static partial Regex Name();

    [GeneratedRegex("<a href=\"(\\?before=[^\"]+)\">")]
    private static partial Regex OlderLink();
}
