using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>The public pages are the collective's: its name and colour in the header, the campaign's state in its panel.</summary>
public sealed partial class PublicFaceTests : IDisposable
{
    private const string Collective = "Collectif de démonstration";
    private const string Campaign = "/fr/c/" + RalliementApp.Slug;
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/fr/")]
    [InlineData(Campaign)]
    [InlineData("/en/c/objection-ia-generative/signatories")]
    [InlineData("/fr/c/objection-ia-generative/versions")]
    [InlineData("/en/c/objection-ia-generative/news")]
    [InlineData("/fr/c/objection-ia-generative/privacy")]
    [InlineData("/en/c/objection-ia-generative/legal")]
    [InlineData("/fr/c/objection-ia-generative/sign")]
    [InlineData("/fr/c/objection-ia-generative/check-your-inbox")]
    [InlineData("/fr/o/collectif-demo/privacy")]
    [InlineData("/en/o/collectif-demo/legal")]
    public async Task Every_public_page_is_headed_by_its_collective_and_names_Ralliement_only_in_its_footer(string path)
    {
        var page = await PageAsync(path);

        AssertHostedBy(Collective, page);
    }

    [Fact]
    public async Task The_confirmation_page_is_headed_by_the_collective_of_the_campaign_signed()
    {
        var confirmation = await _app.SignAndConfirmAsync(RalliementApp.Form(RalliementApp.UniqueEmail()));

        AssertHostedBy(Collective, confirmation);
    }

    [Fact]
    public async Task The_check_your_inbox_page_of_no_campaign_is_not_found()
    {
        using var client = _app.Browser();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fr/c/no-such-campaign/check-your-inbox")).StatusCode);
    }

    [Fact]
    public async Task A_campaign_logo_heads_its_pages_beside_the_collective_name_and_is_their_only_image()
    {
        await _app.WithDbAsync(async db =>
        {
            var id = await db.Campaigns.Where(c => c.Slug == RalliementApp.Slug).Select(c => c.Id).SingleAsync();
            db.CampaignLogos.Add(new CampaignLogo { CampaignId = id, ContentType = "image/png", Content = [0x89, 0x50, 0x4e, 0x47], UpdatedAt = _app.Clock.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });

        var page = await PageAsync(Campaign);

        var logo = Regex.Match(page, @"<a class=""brand"" href=""[^""]+""><img src=""(/c/objection-ia-generative/logo\?v=\d+)"" alt="""" class=""brand-logo""><span>" + Collective + "</span></a>");
        Assert.True(logo.Success, "The header shows the logo, then the collective's name.");
        Assert.Contains($"<link rel=\"icon\" href=\"{logo.Groups[1].Value}\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("favicon.svg", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_accent_colour_colours_its_public_pages_by_the_one_style_their_policy_allows()
    {
        await SetAccentColourAsync("#1b4d89");
        using var client = _app.Browser();

        var response = await client.GetAsync(Campaign);
        var page = await response.Content.ReadAsStringAsync();

        var style = Regex.Match(page, "<style>(.*?)</style>");
        Assert.Equal(":root{--accent:#1b4d89}", style.Groups[1].Value);
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style.Groups[1].Value)));
        Assert.Contains($"style-src 'self' 'sha256-{hash}';", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        // Its organisers' pages keep the software's own look and policy.
        var login = await client.GetAsync("/fr/organiser/login");
        Assert.Contains("style-src 'self';", login.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<style>", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#ffee00")]
    [InlineData("red;}body{display:none}")]
    [InlineData("#1b4d89\"><script>")]
    public async Task An_accent_colour_unreadable_under_white_text_or_not_a_colour_never_reaches_a_page(string stored)
    {
        await SetAccentColourAsync(stored);
        using var client = _app.Browser();

        var response = await client.GetAsync(Campaign);

        var page = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<style>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("display:none", page, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        AssertHostedBy(Collective, page);
    }

    [Fact]
    public async Task A_campaign_short_of_its_goal_shows_its_progress_towards_it()
    {
        await _app.ChangeCampaignAsync(c => (c.SignatureCount, c.Goal, c.NextGoal) = (620, 1000, 5000));

        var panel = Panel(await PageAsync(Campaign));

        Assert.Contains("<progress max=\"1000\" value=\"620\"", panel, StringComparison.Ordinal);
        Assert.Contains("62\u202f% de l’objectif de 1\u202f000\u00a0", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("Objectif atteint", panel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reached_goal_is_said_and_the_progress_moves_on_to_the_next_milestone()
    {
        await _app.ChangeCampaignAsync(c => (c.SignatureCount, c.Goal, c.NextGoal) = (1200, 1000, 5000));

        var french = Panel(await PageAsync(Campaign));
        var english = Panel(await PageAsync($"/en/c/{RalliementApp.Slug}"));

        Assert.Contains("<p class=\"reached\">Objectif atteint\u202f: 1\u202f000\u00a0", french, StringComparison.Ordinal);
        Assert.Contains("<progress max=\"5000\" value=\"1200\"", french, StringComparison.Ordinal);
        Assert.Contains("24\u202f% du prochain objectif\u202f: 5\u202f000\u00a0", french, StringComparison.Ordinal);
        Assert.Contains("<p class=\"reached\">Goal reached: 1,000\u00a0", english, StringComparison.Ordinal);
        Assert.Contains("24% of the next goal: 5,000\u00a0", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reached_goal_without_a_next_milestone_shows_no_progress_bar()
    {
        await _app.ChangeCampaignAsync(c => (c.SignatureCount, c.Goal, c.NextGoal) = (1000, 1000, null));

        var panel = Panel(await PageAsync(Campaign));

        Assert.Contains("Objectif atteint\u202f: 1\u202f000\u00a0", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("<progress", panel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_panel_says_when_the_text_was_published_and_when_it_closes_in_the_collective_time_zone_and_leads_to_the_form()
    {
        await _app.ChangeCampaignAsync(c =>
        {
            c.PublishedAt = new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc);
            // Half past eleven at night in UTC is already the next day in Paris.
            c.ClosesAt = new DateTime(2026, 12, 31, 23, 30, 0, DateTimeKind.Utc);
        });

        var page = await PageAsync(Campaign);
        var french = Panel(page);
        var english = Panel(await PageAsync($"/en/c/{RalliementApp.Slug}"));

        Assert.Contains("<li>Publié le 1er novembre 2026</li>", french, StringComparison.Ordinal);
        Assert.Contains("<li>Clôture des signatures le 1er janvier 2027</li>", french, StringComparison.Ordinal);
        Assert.Contains("<a class=\"button\" href=\"#sign\">", french, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"sign\">", page, StringComparison.Ordinal);
        Assert.Contains("<li>Published on 1 November 2026</li>", english, StringComparison.Ordinal);
        Assert.Contains("<li>Signing closes on 1 January 2027</li>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_campaign_says_so_in_its_panel_with_the_day_it_closed_and_shows_no_form()
    {
        await _app.ChangeCampaignAsync(c => (c.State, c.ClosedAt) = (CampaignState.Closed, new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc)));

        var page = await PageAsync(Campaign);
        var panel = Panel(page);

        Assert.Contains("<li>Signatures closes le 20 novembre 2026</li>", panel, StringComparison.Ordinal);
        Assert.Contains("<p class=\"state\">Ce texte ne recueille plus de signatures.</p>", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"#sign\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<form class=\"sign\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_archived_campaign_says_when_it_was_archived()
    {
        await _app.ChangeCampaignAsync(c => (c.State, c.ClosedAt, c.ArchivedAt) =
            (CampaignState.Archived, new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc)));

        var panel = Panel(await PageAsync($"/en/c/{RalliementApp.Slug}"));

        Assert.Contains("<li>Signing closed on 20 November 2026</li>", panel, StringComparison.Ordinal);
        Assert.Contains("<li>Archived on 21 November 2026</li>", panel, StringComparison.Ordinal);
        Assert.Contains("<p class=\"state\">This text is no longer collecting signatures.</p>", panel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_yet_to_open_says_when_signing_opens()
    {
        await _app.ChangeCampaignAsync(c => c.OpensAt = _app.Clock.GetUtcNow().UtcDateTime.AddDays(3));

        var panel = Panel(await PageAsync(Campaign));

        Assert.Contains("<p class=\"state\">Ouverture des signatures le 25 novembre 2026.</p>", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"#sign\"", panel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_home_page_shared_by_several_collectives_names_none_in_its_header_and_each_text_its_own()
    {
        await _app.CampaignOfAsync("autre-collectif", "autre-texte");

        var page = await PageAsync("/fr/");

        Assert.Contains("<a class=\"brand\" href=\"/fr/\"><span>Tous les textes</span></a>", page, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"meta\">{Collective} · <strong>", page, StringComparison.Ordinal);
        Assert.Contains("<p class=\"meta\">autre-collectif · <strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ralliement", page[..page.IndexOf("<footer", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    private async Task<string> PageAsync(string path)
    {
        using var client = _app.Browser();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<int> SetAccentColourAsync(string colour) =>
        _app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.AccentColour, colour)));

    /// <summary>The campaign page's panel, its entities decoded (narrow no-break spaces are written as such).</summary>
    private static string Panel(string page) =>
        WebUtility.HtmlDecode(Regex.Match(page, "<aside class=\"campaign-panel\".*?</aside>", RegexOptions.Singleline).Value);

    private static void AssertHostedBy(string collective, string page)
    {
        var footer = page.IndexOf("<footer", StringComparison.Ordinal);
        Assert.Contains("<header class=\"site hosted\">", page, StringComparison.Ordinal);
        Assert.Matches($"<a class=\"brand\" href=\"[^\"]+\">(<img [^>]+>)?<span>{collective}</span></a>", page);
        Assert.Matches($" · {collective}</title>|<title>{collective}</title>", page);
        Assert.DoesNotContain("Ralliement", page[..footer], StringComparison.Ordinal);
        Assert.Contains("Ralliement", page[footer..], StringComparison.Ordinal);
    }
}
