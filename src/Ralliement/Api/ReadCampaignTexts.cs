namespace Ralliement.Api;

/// <summary>
/// A published campaign's texts in every language, with the Markdown they were written in: the
/// public pages read one language at a time (<see cref="Campaigns.ReadCampaign"/>), the API gives all.
/// </summary>
public sealed class ReadCampaignTexts(RalliementDb db)
{
    /// <param name="DefaultLanguage">The language of its first text, which its pages show when they lack the one asked for.</param>
    public sealed record Result(string DefaultLanguage, IReadOnlyList<CampaignText> Texts);

    /// <param name="campaignId">A campaign already read as published (<see cref="Campaigns.ReadCampaign.View.Id"/>).</param>
    public async Task<Result> HandleAsync(int campaignId, CancellationToken cancellationToken)
    {
        var defaultLanguage = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.DefaultLanguage).FirstAsync(cancellationToken);
        var texts = await db.CampaignTexts.AsNoTracking()
            .Where(t => t.CampaignId == campaignId)
            .OrderBy(t => t.Language)
            .ToListAsync(cancellationToken);
        return new Result(defaultLanguage, texts);
    }
}
