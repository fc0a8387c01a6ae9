using Ralliement.Campaigns;

namespace Ralliement.Feeds;

/// <summary>
/// <c>/{lang}/c/{slug}/feed.atom</c> and <c>/{lang}/o/{org}/feed.atom</c>: what happens to a campaign, and
/// to all the public campaigns of an organisation, for feed readers. Public answers like the pages.
/// </summary>
public static class FeedServices
{
    public static void AddFeeds(this WebApplicationBuilder builder) =>
        builder.Services.AddScoped<ReadFeedEntries>();

    public static void MapFeeds(this WebApplication app)
    {
        app.MapGet("/{lang:lang}/c/{slug}/feed.atom", async (string lang, string slug, HttpContext http, IConfiguration configuration,
            ReadCampaign readCampaign, ReadFeedEntries read, CancellationToken cancellationToken) =>
        {
            if (await readCampaign.HandleAsync(slug, lang, cancellationToken) is not { } campaign)
            {
                return Results.NotFound();
            }
            var baseUrl = PublicLinks.For(http.Request, configuration).BaseUrl;
            var page = $"{baseUrl}/{lang}/c/{Uri.EscapeDataString(campaign.Slug)}";
            var entries = await read.ForCampaignAsync(campaign, lang, baseUrl, cancellationToken);
            var header = new WriteAtom.Header(campaign.Title, campaign.Organisation.Name, lang,
                $"c/{campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}", $"{page}/feed.atom", page, campaign.PublishedAt ?? DateTime.UnixEpoch);
            return Results.Bytes(WriteAtom.Write(header, entries, baseUrl), WriteAtom.ContentType);
        }).CacheOutput(PublicPageCaching.Policy);

        app.MapGet("/{lang:lang}/o/{org}/feed.atom", async (string lang, string org, HttpContext http, IConfiguration configuration,
            ReadCampaign readCampaign, ReadFeedEntries read, CancellationToken cancellationToken) =>
        {
            if (await read.OrganisationAsync(org, cancellationToken) is not var (name, slugs))
            {
                return Results.NotFound();
            }
            var baseUrl = PublicLinks.For(http.Request, configuration).BaseUrl;
            var entries = new List<FeedEntry>();
            foreach (var slug in slugs)
            {
                if (await readCampaign.HandleAsync(slug, lang, cancellationToken) is { } campaign)
                {
                    entries.AddRange(await read.ForCampaignAsync(campaign, lang, baseUrl, cancellationToken));
                }
            }
            var self = $"{baseUrl}/{lang}/o/{Uri.EscapeDataString(org)}/feed.atom";
            var header = new WriteAtom.Header(name, name, lang, $"o/{org}", self, $"{baseUrl}/{lang}/", DateTime.UnixEpoch);
            return Results.Bytes(WriteAtom.Write(header, ReadFeedEntries.Newest(entries), baseUrl), WriteAtom.ContentType);
        }).CacheOutput(PublicPageCaching.Policy);
    }
}
