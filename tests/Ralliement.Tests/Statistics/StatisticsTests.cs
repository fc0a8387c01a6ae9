using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Statistics;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Statistics;

/// <summary>A campaign's statistics page, stats.json and stats.csv, over the real server.</summary>
public sealed class StatisticsTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private const string Stats = $"/fr/c/{RalliementApp.Slug}/stats";

    /// <summary>Confirmed signatures put straight in the database, as many as asked, each with the same details.</summary>
    private async Task SignaturesAsync(int count, string? institution = null, bool showPublicly = true, DateTime? confirmedAt = null,
        string? country = null, int? verifiedInstitutionId = null, SignatoryKind kind = SignatoryKind.Person)
    {
        var campaignId = await _app.DemoCampaignIdAsync();
        await _app.WithDbAsync(async db =>
        {
            var at = confirmedAt ?? _app.Clock.GetUtcNow().UtcDateTime.AddHours(-1);
            for (var i = 0; i < count; i++)
            {
                db.Signatures.Add(new Signature
                {
                    CampaignId = campaignId,
                    State = SignatureState.Confirmed,
                    Kind = kind,
                    Language = "fr",
                    FirstName = "Ana",
                    LastName = "Lopes",
                    Institution = institution,
                    Country = country,
                    ShowPublicly = showPublicly,
                    VerifiedInstitutionId = verifiedInstitutionId,
                    CreatedAt = at,
                    ConfirmedAt = at,
                });
            }
            await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(c => c.SetProperty(x => x.SignatureCount, x => x.SignatureCount + count));
            return await db.SaveChangesAsync();
        });
    }

    private async Task<JsonElement> JsonAsync(string language = "fr")
    {
        using var client = _app.Browser();
        using var document = JsonDocument.Parse(await client.GetStringAsync($"/{language}/c/{RalliementApp.Slug}/stats.json"));
        return document.RootElement.Clone();
    }

    private static JsonElement Breakdown(JsonElement statistics, string name) =>
        statistics.GetProperty("breakdowns").EnumerateArray().Single(b => b.GetProperty("name").GetString() == name);

    private static List<(string Kind, string Label, int Count)> Categories(JsonElement breakdown) =>
        [.. breakdown.GetProperty("categories").EnumerateArray()
            .Select(c => (c.GetProperty("kind").GetString()!, c.GetProperty("label").GetString()!, c.GetProperty("count").GetInt32()))];

    [Fact]
    public async Task An_institution_of_four_signatories_never_appears_nor_can_be_deduced_from_the_totals()
    {
        await SignaturesAsync(30, "Université Lumière Lyon 2");
        await SignaturesAsync(12, "Université de Nantes");
        await SignaturesAsync(4, "IUT de Lannion");

        var statistics = await JsonAsync();
        var institutions = Categories(Breakdown(statistics, "institution"));

        Assert.Equal(46, statistics.GetProperty("total").GetInt32());
        Assert.Equal([("value", "Université Lumière Lyon 2", 30), ("others", "Autres", 16)], institutions);
        Assert.Equal(46, institutions.Sum(c => c.Count));
        // Everyone named an institution: the sentence gives the total again, nothing more.
        Assert.Equal(46, statistics.GetProperty("affiliations").GetProperty("signatories").GetInt32());
        using var client = _app.Browser();
        var page = await client.GetStringAsync(Stats);
        var csv = await client.GetStringAsync(Stats + ".csv");
        Assert.DoesNotContain("Lannion", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Lannion", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Nantes", page, StringComparison.Ordinal);
        Assert.Contains("Université Lumière Lyon 2", page, StringComparison.Ordinal);
        Assert.Contains("institution,others,Autres,16,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organisers_see_the_small_institution_apart_with_the_last_hours_and_where_signatures_came_from()
    {
        await SignaturesAsync(30, "Université Lumière Lyon 2");
        await SignaturesAsync(4, "IUT de Lannion");
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);
        var id = await _app.DemoCampaignIdAsync();

        var response = await moderator.GetAsync($"/fr/organiser/{RalliementApp.DemoOrganisation}/campaigns/{id}/stats");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("IUT de Lannion", page, StringComparison.Ordinal);
        Assert.Contains("Les 48 dernières heures", page, StringComparison.Ordinal);
        Assert.Contains("Formulaire du site", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_signatures_shown_publicly_count_towards_a_named_institution()
    {
        await SignaturesAsync(20, "Sorbonne Université");
        await SignaturesAsync(15, "Laboratoire discret", showPublicly: false);

        var institutions = Categories(Breakdown(await JsonAsync(), "institution"));

        Assert.Equal([("value", "Sorbonne Université", 20), ("notGiven", "Non renseigné, ou signature non publique", 15)], institutions);
    }

    [Fact]
    public async Task Days_end_at_midnight_in_the_organisations_time_zone_and_today_is_not_finished()
    {
        // The test clock reads 22 November 2026, 09:00 UTC: 10:00 in Paris, the organisation's zone.
        await SignaturesAsync(1, confirmedAt: new DateTime(2026, 11, 21, 22, 30, 0, DateTimeKind.Utc)); // 23:30 in Paris, the 21st
        await SignaturesAsync(2, confirmedAt: new DateTime(2026, 11, 21, 23, 30, 0, DateTimeKind.Utc)); // 00:30 in Paris, the 22nd

        var days = (await JsonAsync()).GetProperty("days").EnumerateArray()
            .Select(d => (d.GetProperty("date").GetString(), d.GetProperty("count").GetInt32(), d.GetProperty("cumulative").GetInt32(), d.GetProperty("complete").GetBoolean()))
            .ToList();

        Assert.Equal([("2026-11-21", 1, 1, true), ("2026-11-22", 2, 3, false)], days);
        using var client = _app.Browser();
        Assert.Contains("aujourd’hui, pas fini", await client.GetStringAsync(Stats), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verified_affiliations_are_counted_apart_from_declared_ones()
    {
        var campaignId = await _app.DemoCampaignIdAsync();
        var lyon = await _app.WithDbAsync(async db =>
        {
            var institution = new AffiliationInstitution { CampaignId = campaignId, Name = "Université Lumière Lyon 2", CreatedAt = _app.Clock.GetUtcNow().UtcDateTime };
            db.AffiliationInstitutions.Add(institution);
            await db.SaveChangesAsync();
            return institution.Id;
        });
        await SignaturesAsync(12, "Lyon 2", verifiedInstitutionId: lyon);
        await SignaturesAsync(10, "Université Lumière Lyon 2");
        await SignaturesAsync(15, "Sorbonne Université");
        await SignaturesAsync(10, "Sorbonne Université", verifiedInstitutionId: lyon, showPublicly: false);

        var statistics = await JsonAsync();
        var lyonRow = Breakdown(statistics, "institution").GetProperty("categories").EnumerateArray().First();
        var affiliations = statistics.GetProperty("affiliations");

        Assert.Equal("Université Lumière Lyon 2", lyonRow.GetProperty("label").GetString());
        Assert.Equal(22, lyonRow.GetProperty("count").GetInt32());
        Assert.Equal(12, lyonRow.GetProperty("verified").GetInt32());
        Assert.Equal(37, affiliations.GetProperty("signatories").GetInt32());
        Assert.Equal(2, affiliations.GetProperty("institutions").GetInt32());
        Assert.Equal(12, affiliations.GetProperty("verified").GetInt32());
        using var client = _app.Browser();
        Assert.Contains("37 signataires de 2 établissements, dont 12 vérifiés par leur adresse.", await client.GetStringAsync(Stats), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_and_the_csv_state_their_licence_and_are_kept_five_minutes()
    {
        await SignaturesAsync(12, "Sorbonne Université");
        using var client = _app.Browser();

        var json = await client.GetAsync(Stats + ".json");
        var csv = await client.GetAsync(Stats + ".csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n");

        Assert.Equal(TimeSpan.FromMinutes(5), json.Headers.CacheControl?.MaxAge);
        Assert.Equal(TimeSpan.FromMinutes(5), csv.Headers.CacheControl?.MaxAge);
        Assert.Equal("CC0-1.0", (await JsonAsync()).GetProperty("licence").GetString());
        Assert.Equal("section,key,label,count,verified,licence", lines[0]);
        Assert.StartsWith("total,,Signatures confirmées,12,", lines[1], StringComparison.Ordinal);
        Assert.All(lines.Skip(1).Where(l => l.Length > 0), line => Assert.EndsWith(",CC0-1.0", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_field_the_campaign_does_not_collect_has_no_breakdown()
    {
        await SignaturesAsync(12, "Sorbonne Université", country: "France");

        var names = (await JsonAsync()).GetProperty("breakdowns").EnumerateArray().Select(b => b.GetProperty("name").GetString()).ToList();

        Assert.Contains("institution", names);
        Assert.Contains("commitment", names);
        Assert.DoesNotContain("country", names);
    }

    [Fact]
    public async Task A_draft_has_no_public_statistics()
    {
        var campaignId = await _app.DemoCampaignIdAsync();
        await _app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(c => c.SetProperty(x => x.State, CampaignState.Draft)));
        using var client = _app.Browser();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Stats)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Stats + ".json")).StatusCode);
    }

    [Fact]
    public async Task New_signatures_reach_the_figures_once_they_are_older_than_the_refresh_time()
    {
        await SignaturesAsync(12, "Sorbonne Université");
        Assert.Equal(12, (await JsonAsync()).GetProperty("total").GetInt32());
        await SignaturesAsync(3, "Sorbonne Université");

        // Within the refresh time the figures at hand are served, however the count moves.
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        using var client = _app.Browser();
        Assert.Contains("12 signatures confirmées", await client.GetStringAsync(Stats), StringComparison.Ordinal);

        // Past it, a request has them counted again in the background, and a later one reads them.
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await RalliementApp.EventuallyAsync(async () =>
            (await client.GetStringAsync(Stats)).Contains("15 signatures confirmées", StringComparison.Ordinal), "the figures to be counted again");
    }

    [Fact]
    public async Task The_milestones_read_from_the_figures_match_those_read_from_the_signatures()
    {
        await SignaturesAsync(150, confirmedAt: new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc));
        await SignaturesAsync(60, confirmedAt: new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc));
        var campaignId = await _app.DemoCampaignIdAsync();

        var fromFigures = await _app.WithAsync<IReadMilestones, IReadOnlyList<Milestone>>(m => m.ReadAsync(campaignId, CancellationToken.None));
        var fromRows = await _app.WithDbAsync(db => new QueryMilestones(db).ReadAsync(campaignId, CancellationToken.None));

        Assert.IsType<SnapshotMilestones>(_app.Services.CreateScope().ServiceProvider.GetRequiredService<IReadMilestones>());
        Assert.NotEmpty(fromFigures);
        Assert.Equal(fromRows, fromFigures);
    }
}
