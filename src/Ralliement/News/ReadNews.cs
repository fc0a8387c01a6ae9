using Ralliement.Organisers;

namespace Ralliement.News;

/// <summary>What the news pages show an organiser: the campaign, its posts, one post, and who would receive one.</summary>
public sealed class ReadNews(RalliementDb db)
{
    public sealed record Row(int Id, string Subject, NewsState State, DateTime CreatedAt, DateTime? SentAt, int RecipientCount);

    /// <summary>The campaign, or null when it is not one of the organisation's.</summary>
    public Task<NewsCampaign?> CampaignAsync(OrganisationContext organisation, int id, string language, CancellationToken cancellationToken) =>
        NewsCampaign.FindAsync(db, organisation, id, language, cancellationToken);

    /// <summary>The campaign's posts, newest first, each under its subject in the page's language or else the campaign's.</summary>
    public async Task<IReadOnlyList<Row>> ListAsync(NewsCampaign campaign, string language, CancellationToken cancellationToken)
    {
        var campaignId = campaign.Id;
        var defaultLanguage = campaign.DefaultLanguage;
        return await db.News.AsNoTracking()
            .Where(n => n.CampaignId == campaignId)
            .OrderByDescending(n => n.Id)
            .Select(n => new Row(
                n.Id,
                n.Texts.Where(t => t.Language == language).Select(t => t.Subject).FirstOrDefault()
                    ?? n.Texts.Where(t => t.Language == defaultLanguage).Select(t => t.Subject).FirstOrDefault() ?? "",
                n.State, n.CreatedAt, n.SentAt, n.RecipientCount))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One post of the campaign with its texts, or null when it has none by that id.</summary>
    public Task<NewsPost?> PostAsync(NewsCampaign campaign, int newsId, CancellationToken cancellationToken) =>
        db.News.AsNoTracking().Include(n => n.Texts)
            .FirstOrDefaultAsync(n => n.Id == newsId && n.CampaignId == campaign.Id, cancellationToken);

    public Task<int> CountRecipientsAsync(NewsCampaign campaign, CancellationToken cancellationToken) =>
        NewsCampaign.Recipients(db, campaign.Id).CountAsync(cancellationToken);
}
