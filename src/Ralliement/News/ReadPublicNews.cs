using Ralliement.Campaigns;

namespace Ralliement.News;

/// <summary>
/// The news of a campaign that anyone may read: sent, and published by its organisers. Each post in the
/// language asked for when it was written in it, else in the campaign's own.
/// </summary>
public sealed class ReadPublicNews(RalliementDb db)
{
    public sealed record Post(int Id, string Language, string Subject, string BodyHtml, DateTime SentAt);

    /// <summary>The posts, newest first; at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<Post>> ListAsync(int campaignId, string language, int limit, CancellationToken cancellationToken)
    {
        var defaultLanguage = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.DefaultLanguage).FirstOrDefaultAsync(cancellationToken);
        // Two texts at most per post: read both and choose here (SQLite cannot choose one in a subquery).
        var posts = await Public(campaignId)
            .OrderByDescending(n => n.SentAt).ThenByDescending(n => n.Id)
            .Take(limit)
            .Select(n => new { n.Id, SentAt = n.SentAt!.Value, Texts = n.Texts.Where(t => t.Language == language || t.Language == defaultLanguage).ToList() })
            .ToListAsync(cancellationToken);
        return [.. posts
            .Select(p => (p.Id, p.SentAt, Text: p.Texts.FirstOrDefault(t => t.Language == language) ?? p.Texts.FirstOrDefault()))
            .Where(p => p.Text is not null)
            .Select(p => new Post(p.Id, p.Text!.Language, p.Text.Subject, CampaignMarkdown.ToSafeHtml(p.Text.BodyMarkdown), p.SentAt))];
    }

    public Task<bool> AnyAsync(int campaignId, CancellationToken cancellationToken) =>
        Public(campaignId).AnyAsync(cancellationToken);

    private IQueryable<NewsPost> Public(int campaignId) =>
        db.News.AsNoTracking().Where(n => n.CampaignId == campaignId && n.State == NewsState.Sent && n.PublishedInFeed && n.SentAt != null);
}
