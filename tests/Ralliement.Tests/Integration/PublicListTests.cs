using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

public sealed partial class PublicListTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Confirmed signatures written straight to the database: this tests the list, not signing.</summary>
    private async Task SeedAsync(int count)
    {
        await _app.WithDbAsync(async db =>
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Slug == RalliementApp.Slug);
            var now = _app.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < count; i++)
            {
                db.Signatures.Add(new Signature
                {
                    CampaignId = campaign.Id,
                    State = SignatureState.Confirmed,
                    Language = "fr",
                    FirstName = $"Signataire{i:D4}",
                    LastName = "Liste",
                    EmailKey = $"list-{i}",
                    SearchText = $"signataire{i:D4} liste",
                    ShowPublicly = i % 10 != 0,
                    CreatedAt = now,
                    ConfirmedAt = now,
                });
            }
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Walking_the_pages_shows_every_public_signatory_exactly_once_newest_first()
    {
        await SeedAsync(173);
        using var client = _app.Browser();

        var seen = new List<string>();
        string? link = $"/fr/c/{RalliementApp.Slug}/signatories";
        var pages = 0;
        while (link is not null)
        {
            var page = await client.GetStringAsync(link);
            seen.AddRange(Name().Matches(page).Select(m => m.Groups[1].Value));
            var older = OlderLink().Match(page);
            link = older.Success ? $"/fr/c/{RalliementApp.Slug}/signatories" + System.Net.WebUtility.HtmlDecode(older.Groups[1].Value) : null;
            pages++;
        }

        var expected = Enumerable.Range(0, 173).Where(i => i % 10 != 0).Select(i => $"Signataire{i:D4}").Reverse().ToList();
        Assert.Equal(expected, seen);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task The_newer_link_goes_back_to_the_previous_page()
    {
        await SeedAsync(120);
        using var client = _app.Browser();
        var first = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}/signatories");
        var second = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}/signatories" + System.Net.WebUtility.HtmlDecode(OlderLink().Match(first).Groups[1].Value));
        var back = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}/signatories" + System.Net.WebUtility.HtmlDecode(NewerLink().Match(second).Groups[1].Value));

        Assert.Equal(Name().Matches(first).Select(m => m.Value), Name().Matches(back).Select(m => m.Value));
    }

    [GeneratedRegex("<strong>(Signataire\\d{4}) Liste</strong>")]
    private static partial Regex Name();

    [GeneratedRegex("<a href=\"(\\?before=[^\"]+)\">")]
    private static partial Regex OlderLink();

    [GeneratedRegex("<a href=\"(\\?after=[^\"]+)\">")]
    private static partial Regex NewerLink();
}
