using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>
/// A link to any public page of a campaign, posted on a social network or in a chat, shows the
/// collective, the page's title, the campaign's summary and its preview image, all at absolute
/// addresses (Open Graph and Twitter card tags, written by the layout from Kit/LinkPreviewTags.cs).
/// </summary>
public sealed partial class LinkPreviewTests : IDisposable
{
    private const string Site = "https://signons.example.org";
    private const string Collective = "Collectif de démonstration";
    private readonly RalliementApp _app = new();

    public LinkPreviewTests() => _app.Settings["PublicBaseUrl"] = Site;

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/fr/c/" + RalliementApp.Slug, "fr")]
    [InlineData("/en/c/" + RalliementApp.Slug, "en")]
    [InlineData("/fr/c/" + RalliementApp.Slug + "/signatories", "fr")]
    [InlineData("/en/c/" + RalliementApp.Slug + "/versions", "en")]
    [InlineData("/fr/c/" + RalliementApp.Slug + "/versions/1", "fr")]
    [InlineData("/fr/c/" + RalliementApp.Slug + "/news", "fr")]
    [InlineData("/fr/c/" + RalliementApp.Slug + "/sign", "fr")]
    [InlineData("/fr/c/" + RalliementApp.Slug + "/privacy", "fr")]
    [InlineData("/en/c/" + RalliementApp.Slug + "/legal", "en")]
    public async Task Every_public_page_of_a_campaign_gives_link_previews_its_collective_summary_address_and_preview_image(string path, string language)
    {
        await AmendFrenchTextAsync();

        var tags = await TagsAsync(path);

        Assert.Equal("article", tags["og:type"]);
        Assert.Equal(Collective, tags["og:site_name"]);
        Assert.Equal(await SummaryAsync(language), tags["og:description"]);
        Assert.Equal(Site + path, tags["og:url"]);
        Assert.Equal(language == "fr" ? "fr_FR" : "en_GB", tags["og:locale"]);
        Assert.Equal($"{Site}/{language}/c/{RalliementApp.Slug}/kit/preview.png", tags["og:image"]);
        Assert.Equal("1200", tags["og:image:width"]);
        Assert.Equal("630", tags["og:image:height"]);
        Assert.StartsWith(Collective, tags["og:image:alt"], StringComparison.Ordinal);
        Assert.Equal("summary_large_image", tags["twitter:card"]);
        Assert.Contains(tags["og:title"], WebUtility.HtmlDecode(Regex.Match(await PageAsync(path), "<title>(.*?)</title>").Groups[1].Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_campaign_page_preview_is_titled_with_the_campaign_and_its_image_described_in_its_language()
    {
        var french = await TagsAsync($"/fr/c/{RalliementApp.Slug}");
        var english = await TagsAsync($"/en/c/{RalliementApp.Slug}");

        var title = await TitleAsync("fr");
        Assert.Equal(title, french["og:title"]);
        Assert.Equal($"{Collective}\u202f: «\u202f{title}\u202f», avec le nombre de signatures", french["og:image:alt"]);
        Assert.Equal($"{Collective}: “{await TitleAsync("en")}”, with the number of signatures", english["og:image:alt"]);
    }

    [Fact]
    public async Task Each_tag_is_written_once()
    {
        var page = await PageAsync($"/fr/c/{RalliementApp.Slug}");

        foreach (var property in new[] { "og:type", "og:title", "og:url", "og:image", "og:site_name", "og:locale" })
        {
            Assert.Single(Regex.Matches(page, $"property=\"{property}\""));
        }
        Assert.Single(Regex.Matches(page, "name=\"twitter:card\""));
    }

    [Theory]
    [InlineData("/fr/")]
    [InlineData("/fr/organiser/login")]
    [InlineData("/fr/o/collectif-demo/privacy")]
    public async Task Pages_that_are_no_campaign_s_give_no_preview(string path)
    {
        var page = await PageAsync(path);

        Assert.DoesNotContain("og:", page, StringComparison.Ordinal);
        Assert.DoesNotContain("twitter:card", page, StringComparison.Ordinal);
    }

    /// <summary>An earlier French version, so that the page of version 1 exists.</summary>
    private Task<int> AmendFrenchTextAsync() => _app.WithDbAsync(async db =>
    {
        var id = await db.Campaigns.Where(c => c.Slug == RalliementApp.Slug).Select(c => c.Id).SingleAsync();
        await db.CampaignTexts.Where(t => t.CampaignId == id && t.Language == "fr").ExecuteUpdateAsync(t => t.SetProperty(x => x.Version, 2));
        db.CampaignTextVersions.Add(new CampaignTextVersion
        {
            CampaignId = id,
            Language = "fr",
            Version = 1,
            Title = "Première version",
            Summary = "Son résumé",
            BodyMarkdown = "Texte",
            BodyHtml = "<p>Texte</p>",
            ReplacedAt = _app.Clock.GetUtcNow().UtcDateTime,
        });
        return await db.SaveChangesAsync();
    });

    private async Task<string> PageAsync(string path)
    {
        using var client = _app.Browser();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The page's Open Graph and Twitter tags, by name, their values decoded.</summary>
    private async Task<Dictionary<string, string>> TagsAsync(string path) =>
        MetaTag().Matches(await PageAsync(path))
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value), StringComparer.Ordinal);

    private Task<string> TitleAsync(string language) => TextAsync(language, t => t.Title);

    private Task<string> SummaryAsync(string language) => TextAsync(language, t => t.Summary);

    private Task<string> TextAsync(string language, System.Linq.Expressions.Expression<Func<CampaignText, string>> field) =>
        _app.WithDbAsync(db => db.CampaignTexts.Where(t => t.Language == language && db.Campaigns.Any(c => c.Id == t.CampaignId && c.Slug == RalliementApp.Slug)).Select(field).SingleAsync());

    [GeneratedRegex("<meta (?:property|name)=\"((?:og|twitter):[a-z_:]+)\" content=\"([^\"]*)\">")]
    private static partial Regex MetaTag();
}
