using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Feeds;

/// <summary>
/// News the organisers publish, once sent, is on the campaign's public news page and in the Atom feeds of
/// the campaign and its organisation, with the campaign's publication, amendments and milestones.
/// </summary>
public sealed class FeedTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private static readonly string CampaignFeed = $"/fr/c/{RalliementApp.Slug}/feed.atom";
    private static readonly string OrganisationFeed = $"/fr/o/{RalliementApp.DemoOrganisation}/feed.atom";
    private static readonly string NewsPage = $"/fr/c/{RalliementApp.Slug}/news";

    /// <summary>The demo campaign is seeded open without a date of publication; a published one has it.</summary>
    private async Task<int> PublishedDemoAsync()
    {
        var campaignId = await _app.DemoCampaignIdAsync();
        await _app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == campaignId)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.PublishedAt, new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc))));
        return campaignId;
    }

    private async Task<SyndicationFeed> FeedAsync(string path)
    {
        using var response = await _app.Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(reader);
        Assert.StartsWith("tag:", feed.Id, StringComparison.Ordinal);
        Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri.AbsolutePath == path);
        Assert.NotEmpty(feed.Authors);
        Assert.Equal(feed.Items.Count(), feed.Items.Select(i => i.Id).Distinct().Count());
        Assert.All(feed.Items, item =>
        {
            Assert.StartsWith("tag:", item.Id, StringComparison.Ordinal);
            Assert.Single(item.Links);
        });
        return feed;
    }

    private async Task<(string Path, int Id)> SendNewsAsync(HttpClient editor, int campaignId, string subject, bool publish, bool send = true)
    {
        var texts = RalliementApp.NewsTexts(french: subject, english: null);
        if (publish)
        {
            texts["Publish"] = "true";
        }
        var post = await RalliementApp.WriteNewsAsync(editor, campaignId, texts);
        var id = int.Parse(post[(post.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (send)
        {
            await RalliementApp.SendNewsAsync(editor, post);
            await RalliementApp.EventuallyAsync(() => _app.WithDbAsync(db => db.News.AnyAsync(n => n.Id == id && n.State == NewsState.Sent)), "the post to be sent");
        }
        return (post, id);
    }

    [Fact]
    public async Task Only_sent_news_the_organisers_published_is_on_the_news_page_and_in_the_feeds_until_they_take_it_off()
    {
        var campaignId = await PublishedDemoAsync();
        using var editor = await _app.SignedInAsync(OrganisationRole.Editor);
        using var visitor = _app.Browser();
        Assert.DoesNotContain($"/fr/c/{RalliementApp.Slug}/news\"", await visitor.GetStringAsync($"/fr/c/{RalliementApp.Slug}"), StringComparison.Ordinal);

        var (published, publishedId) = await SendNewsAsync(editor, campaignId, "Première victoire", publish: true);
        await SendNewsAsync(editor, campaignId, "Réservée aux signataires", publish: false);
        await SendNewsAsync(editor, campaignId, "Brouillon public", publish: true, send: false);

        var page = await visitor.GetStringAsync(NewsPage);
        Assert.Contains($"id=\"news-{publishedId}\"", page, StringComparison.Ordinal);
        Assert.Contains("Première victoire", page, StringComparison.Ordinal);
        Assert.Contains("Merci <strong>à tous</strong> !", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Réservée aux signataires", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Brouillon public", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/fr/c/{RalliementApp.Slug}/feed.atom\"", page, StringComparison.Ordinal);
        Assert.Contains($"/fr/c/{RalliementApp.Slug}/news\"", await visitor.GetStringAsync($"/fr/c/{RalliementApp.Slug}"), StringComparison.Ordinal);

        foreach (var path in new[] { CampaignFeed, OrganisationFeed })
        {
            var feed = await FeedAsync(path);
            var news = Assert.Single(feed.Items, i => i.Id.Contains("/news/", StringComparison.Ordinal));
            Assert.Equal("Première victoire", news.Title.Text);
            Assert.EndsWith($":fr/c/{campaignId}/news/{publishedId}", news.Id, StringComparison.Ordinal);
            Assert.Equal($"/fr/c/{RalliementApp.Slug}/news", news.Links[0].Uri.AbsolutePath);
            Assert.Equal($"#news-{publishedId}", news.Links[0].Uri.Fragment);
            Assert.Contains("<strong>à tous</strong>", ((TextSyndicationContent)news.Content).Text, StringComparison.Ordinal);
            Assert.Contains(feed.Items, i => i.Id.EndsWith($":fr/c/{campaignId}/published", StringComparison.Ordinal));
        }

        var unpublished = await RalliementApp.PostFormAsync(editor, published + "?handler=publish", new() { ["Publish"] = "false" }, published);
        Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);

        Assert.DoesNotContain("Première victoire", await visitor.GetStringAsync(NewsPage), StringComparison.Ordinal);
        Assert.DoesNotContain((await FeedAsync(CampaignFeed)).Items, i => i.Id.Contains("/news/", StringComparison.Ordinal));
        Assert.True(await _app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "news.unpublish" && a.Target == $"news:{publishedId}")));
    }

    [Fact]
    public async Task The_campaign_feed_announces_its_publication_its_amendments_and_its_milestones()
    {
        var campaignId = await PublishedDemoAsync();
        var email = RalliementApp.UniqueEmail("milestone");
        await _app.SignAsync(RalliementApp.Form(email));
        await _app.ConfirmAsync(await _app.EmailToAsync(email));
        var amendedAt = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);
        await _app.WithDbAsync(async db =>
        {
            // A goal of ten: every signature is a milestone. The French text was amended once.
            await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(c => c.SetProperty(x => x.Goal, 10));
            var text = await db.CampaignTexts.SingleAsync(t => t.CampaignId == campaignId && t.Language == "fr");
            db.CampaignTextVersions.Add(new CampaignTextVersion
            {
                CampaignId = campaignId,
                Language = "fr",
                Version = 1,
                Title = text.Title,
                Summary = text.Summary,
                BodyMarkdown = "Avant.",
                BodyHtml = "<p>Avant.</p>",
                ReplacedAt = amendedAt,
            });
            (text.Version, text.AmendedAt, text.AmendmentNote) = (2, amendedAt, "Coquille <corrigée>");
            return await db.SaveChangesAsync();
        });

        var feed = await FeedAsync(CampaignFeed);

        var amendment = Assert.Single(feed.Items, i => i.Id.EndsWith($":fr/c/{campaignId}/amendment/2", StringComparison.Ordinal));
        Assert.Equal("Texte modifié\u202f: version 2", amendment.Title.Text);
        Assert.Equal(amendedAt, amendment.LastUpdatedTime.UtcDateTime);
        Assert.Contains("Coquille &lt;corrigée&gt;", ((TextSyndicationContent)amendment.Content).Text, StringComparison.Ordinal);
        var milestone = Assert.Single(feed.Items, i => i.Id.EndsWith($":fr/c/{campaignId}/milestone/1", StringComparison.Ordinal));
        Assert.Equal("Cap franchi\u202f: 1 signature", milestone.Title.Text);
        Assert.Contains(feed.Items, i => i.Id.EndsWith($":fr/c/{campaignId}/published", StringComparison.Ordinal));
        Assert.Equal(feed.Items.Max(i => i.LastUpdatedTime), feed.LastUpdatedTime);
        // The newest first.
        Assert.Equal(feed.Items.Select(i => i.LastUpdatedTime).OrderDescending(), feed.Items.Select(i => i.LastUpdatedTime));
    }

    [Fact]
    public async Task Public_pages_of_the_campaign_and_its_organisation_announce_their_feed_and_unknown_ones_have_none()
    {
        using var visitor = _app.Browser();

        foreach (var (page, feed) in new[]
        {
            ($"/en/c/{RalliementApp.Slug}", $"/en/c/{RalliementApp.Slug}/feed.atom"),
            (NewsPage, CampaignFeed),
            ($"/fr/o/{RalliementApp.DemoOrganisation}/privacy", OrganisationFeed),
        })
        {
            Assert.Contains($"<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{feed}\"", await visitor.GetStringAsync(page), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/fr/c/no-such-campaign/feed.atom")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/fr/o/no-such-organisation/feed.atom")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/fr/c/no-such-campaign/news")).StatusCode);
    }
}
