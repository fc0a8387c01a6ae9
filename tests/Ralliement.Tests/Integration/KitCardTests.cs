using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>
/// The card other sites frame (Kit/Card.cshtml): framed by any site when no other page may be, no
/// script, no cookie, the count and its progress, and a link that opens the campaign on its own site.
/// </summary>
public sealed class KitCardTests : IDisposable
{
    private const string Site = "https://signons.example.org";
    private const string Campaign = "/fr/c/" + RalliementApp.Slug;
    private const string Card = Campaign + "/kit/card";
    private readonly RalliementApp _app = new();

    public KitCardTests() => _app.Settings["PublicBaseUrl"] = Site;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Any_site_may_frame_the_card_and_no_site_any_other_page()
    {
        using var client = _app.Browser();

        var card = await client.GetAsync(Card);

        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        Assert.Equal("frame-ancestors *", Directive(card, "frame-ancestors"));
        Assert.False(card.Headers.Contains("X-Frame-Options"));
        foreach (var path in new[] { Campaign, Campaign + "/sign", Campaign + "/signatories", "/en/c/" + RalliementApp.Slug + "/privacy", "/fr/", "/fr/organiser/login" })
        {
            var other = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Equal("frame-ancestors 'none'", Directive(other, "frame-ancestors"));
        }
    }

    [Theory]
    [InlineData("/fr/c/no-such-campaign/kit/card")]
    [InlineData("/fr/c/" + RalliementApp.Slug + "/kit/card/more")]
    public async Task A_card_that_does_not_exist_is_a_page_no_site_may_frame(string path)
    {
        using var client = _app.Browser();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("frame-ancestors 'none'", Directive(response, "frame-ancestors"));
    }

    [Fact]
    public async Task A_draft_campaign_has_no_card()
    {
        await _app.ChangeCampaignAsync(c => c.State = CampaignState.Draft);
        using var client = _app.Browser();

        var response = await client.GetAsync(Card);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("frame-ancestors 'none'", Directive(response, "frame-ancestors"));
    }

    [Fact]
    public async Task The_card_sets_no_cookie_runs_no_script_and_holds_no_form()
    {
        using var client = _app.Browser();

        var response = await client.GetAsync(Card);
        var page = await response.Content.ReadAsStringAsync();

        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_card_shows_the_collective_the_title_the_count_and_its_progress_and_opens_the_campaign_on_its_site_in_a_new_tab()
    {
        await _app.ChangeCampaignAsync(c => (c.SignatureCount, c.Goal, c.NextGoal) = (620, 1000, null));

        var card = await CardAsync(Card);

        Assert.Contains("<p class=\"host\"><span>Collectif de démonstration</span></p>", card, StringComparison.Ordinal);
        Assert.Contains($"<h1>{await TitleAsync("fr")}</h1>", card, StringComparison.Ordinal);
        Assert.Contains("<strong>620</strong> signatures confirmées", card, StringComparison.Ordinal);
        Assert.Contains("<progress max=\"1000\" value=\"620\"", card, StringComparison.Ordinal);
        Assert.Contains("62\u202f% de l’objectif de 1\u202f000\u00a0signatures confirmées", card, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"button\" href=\"{Site}{Campaign}\" target=\"_blank\" rel=\"noopener\">Signer<span class=\"hidden\"> (s’ouvre dans un nouvel onglet)</span></a>", card, StringComparison.Ordinal);
        // Its own small document: not the site's header, footer and stylesheet.
        Assert.DoesNotContain("<header", card, StringComparison.Ordinal);
        Assert.DoesNotContain("<footer", card, StringComparison.Ordinal);
        Assert.Matches("<link rel=\"stylesheet\" href=\"/kit-card.css\\?v=[^\"]+\">", card);
        Assert.DoesNotContain("site.css", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_card_speaks_the_language_of_its_address()
    {
        await _app.ChangeCampaignAsync(c => c.SignatureCount = 1);

        var card = await CardAsync($"/en/c/{RalliementApp.Slug}/kit/card");

        Assert.Contains("<html lang=\"en\">", card, StringComparison.Ordinal);
        Assert.Contains($"<h1>{await TitleAsync("en")}</h1>", card, StringComparison.Ordinal);
        Assert.Contains("<strong>1</strong> confirmed signature<", card, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Site}/en/c/{RalliementApp.Slug}\" target=\"_blank\" rel=\"noopener\">Sign<span class=\"hidden\"> (opens in a new tab)</span></a>", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?theme=dark", true)]
    [InlineData("", false)]
    [InlineData("?theme=light", false)]
    [InlineData("?theme=%22%3E%3Cb%3E", false)]
    public async Task The_dark_card_is_asked_for_by_its_theme_and_anything_else_is_light(string query, bool dark)
    {
        var card = await CardAsync(Card + query);

        Assert.Contains(dark ? "<html lang=\"fr\" class=\"dark\">" : "<html lang=\"fr\">", card, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CampaignState.Closed)]
    [InlineData(CampaignState.Archived)]
    public async Task The_card_of_a_campaign_no_longer_signed_says_so_instead_of_sign(CampaignState state)
    {
        await _app.ChangeCampaignAsync(c => (c.State, c.ClosedAt) = (state, new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc)));

        var card = await CardAsync(Card);

        Assert.Contains("<span class=\"state\">Ce texte ne recueille plus de signatures.</span>", card, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{Site}{Campaign}\" target=\"_blank\" rel=\"noopener\">Lire le texte<span class=\"hidden\">", card, StringComparison.Ordinal);
        Assert.DoesNotContain(">Signer<", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_card_of_a_campaign_opening_later_says_when()
    {
        await _app.ChangeCampaignAsync(c => c.OpensAt = new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc));

        var card = await CardAsync(Card);

        Assert.Contains("<span class=\"state\">Ouverture des signatures le 2 décembre 2026.</span>", card.Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.DoesNotContain(">Signer<", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accent_colour_colours_the_card_by_the_one_style_its_policy_allows_and_it_may_still_be_framed()
    {
        await _app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.AccentColour, "#1b4d89")));
        using var client = _app.Browser();

        var response = await client.GetAsync(Card + "?theme=dark");

        var style = Regex.Match(await response.Content.ReadAsStringAsync(), "<style>(.*?)</style>");
        Assert.Equal(":root{--accent:#1b4d89}", style.Groups[1].Value);
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style.Groups[1].Value)));
        Assert.Equal($"style-src 'self' 'sha256-{hash}'", Directive(response, "style-src"));
        Assert.Equal("frame-ancestors *", Directive(response, "frame-ancestors"));
    }

    [Fact]
    public async Task A_card_is_kept_like_a_public_page_once_per_theme_with_its_framing()
    {
        _app.Settings["Caching:PublicPages"] = "00:05:00";
        await _app.ChangeCampaignAsync(c => c.SignatureCount = 40);
        using var client = _app.Browser();
        var light = await CardAsync(Card);
        var dark = await CardAsync(Card + "?theme=dark");

        await _app.ChangeCampaignAsync(c => c.SignatureCount = 41);
        var keptLight = await client.GetAsync(Card + "?utm_source=elsewhere");
        var keptDark = await client.GetAsync(Card + "?theme=dark&x=1");

        Assert.Equal(light, WebUtility.HtmlDecode(await keptLight.Content.ReadAsStringAsync()));
        Assert.Equal(dark, WebUtility.HtmlDecode(await keptDark.Content.ReadAsStringAsync()));
        Assert.Contains("<strong>40</strong>", dark, StringComparison.Ordinal);
        Assert.Contains("class=\"dark\"", dark, StringComparison.Ordinal);
        Assert.Equal("frame-ancestors *", Directive(keptDark, "frame-ancestors"));
        Assert.False(keptDark.Headers.Contains("Set-Cookie"));
    }

    /// <summary>The card's page, 200, with its entities decoded.</summary>
    private async Task<string> CardAsync(string path)
    {
        using var client = _app.Browser();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private Task<string> TitleAsync(string language) =>
        _app.WithDbAsync(db => db.CampaignTexts.Where(t => t.Language == language && db.Campaigns.Any(c => c.Id == t.CampaignId && c.Slug == RalliementApp.Slug)).Select(t => t.Title).SingleAsync());

    /// <summary>One directive of the response's content security policy, as written.</summary>
    private static string Directive(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.TrimEntries)
            .Single(d => d.StartsWith(name + " ", StringComparison.Ordinal));
}
