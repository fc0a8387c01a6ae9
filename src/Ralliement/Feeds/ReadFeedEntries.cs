using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using Ralliement.Campaigns;
using Ralliement.News;
using Ralliement.Statistics;

namespace Ralliement.Feeds;

/// <summary>One event of a campaign's public life, as a feed shows it.</summary>
/// <param name="Key">Names the event within its campaign, for the entry's stable id.</param>
/// <param name="HtmlContent">Already sanitised (news) or encoded here; null for none.</param>
public sealed record FeedEntry(int CampaignId, string Key, string Title, string? HtmlContent, string Link, DateTime Updated);

/// <summary>
/// The events a campaign's feed announces, in one language: its publication, each amendment of its text,
/// each milestone its count reached, and the news its organisers published.
/// </summary>
public sealed class ReadFeedEntries(RalliementDb db, ReadPublicNews news, IReadMilestones milestones, IStringLocalizer<NewsWording> wording)
{
    /// <summary>A feed reader keeps what it has seen; the newest fifty are plenty to catch up.</summary>
    public const int MaxEntries = 50;

    public async Task<IReadOnlyList<FeedEntry>> ForCampaignAsync(ReadCampaign.View campaign, string language, string baseUrl, CancellationToken cancellationToken)
    {
        var page = $"{baseUrl}/{language}/c/{Uri.EscapeDataString(campaign.Slug)}";
        var entries = new List<FeedEntry>();
        if (campaign.PublishedAt is DateTime publishedAt)
        {
            entries.Add(new FeedEntry(campaign.Id, "published", wording["FeedPublished", campaign.Title], Paragraph(campaign.Summary), page, publishedAt));
        }
        // Version n was replaced by version n + 1 when the text was amended.
        var replaced = await db.CampaignTextVersions.AsNoTracking()
            .Where(v => v.CampaignId == campaign.Id && v.Language == campaign.Language)
            .Select(v => new { v.Version, v.ReplacedAt })
            .ToListAsync(cancellationToken);
        foreach (var version in replaced)
        {
            var number = version.Version + 1;
            var current = campaign.Amended?.Version == number;
            entries.Add(new FeedEntry(
                campaign.Id,
                $"amendment/{number.ToString(CultureInfo.InvariantCulture)}",
                wording["FeedAmended", number],
                current && campaign.Amended!.Note.Length > 0 ? Paragraph(campaign.Amended.Note) : null,
                current ? page : $"{page}/versions/{number.ToString(CultureInfo.InvariantCulture)}",
                version.ReplacedAt));
        }
        foreach (var milestone in await milestones.ReadAsync(campaign.Id, cancellationToken))
        {
            entries.Add(new FeedEntry(
                campaign.Id,
                $"milestone/{milestone.Count.ToString(CultureInfo.InvariantCulture)}",
                wording[Languages.CountKey("FeedMilestone", milestone.Count), milestone.Count.ToString("N0", CultureInfo.CurrentCulture)],
                null, page, milestone.ReachedAt));
        }
        foreach (var post in await news.ListAsync(campaign.Id, language, MaxEntries, cancellationToken))
        {
            entries.Add(new FeedEntry(
                campaign.Id,
                $"news/{post.Id.ToString(CultureInfo.InvariantCulture)}",
                post.Subject, post.BodyHtml, $"{page}/news#news-{post.Id.ToString(CultureInfo.InvariantCulture)}", post.SentAt));
        }
        return Newest(entries);
    }

    /// <summary>The organisation's name and its public campaigns, or null when there is no such organisation.</summary>
    public async Task<(string Name, IReadOnlyList<string> Slugs)?> OrganisationAsync(string slug, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Slug == slug)
            .Select(o => new { o.Name, Slugs = db.Campaigns.Where(c => c.OrganisationId == o.Id && c.State != CampaignState.Draft).Select(c => c.Slug).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        return organisation is null ? null : (organisation.Name, organisation.Slugs);
    }

    public static IReadOnlyList<FeedEntry> Newest(IEnumerable<FeedEntry> entries) =>
        [.. entries.OrderByDescending(e => e.Updated).ThenBy(e => e.Key, StringComparer.Ordinal).Take(MaxEntries)];

    /// <summary>Accented letters as they are, like the pages (see <c>WebShell</c>).</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Paragraph(string text) => $"<p>{Encoder.Encode(text)}</p>";
}
