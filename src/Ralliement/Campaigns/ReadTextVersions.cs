namespace Ralliement.Campaigns;

/// <summary>
/// The versions of a published campaign's text in one language, each with the period it was the
/// published one: what a signer signed at a given date can always be read again.
/// </summary>
public sealed class ReadTextVersions(RalliementDb db)
{
    /// <param name="From">When it became the published text (the campaign's publication for the first).</param>
    /// <param name="To">When it was replaced; null for the current text.</param>
    public sealed record Version(int Number, DateTime? From, DateTime? To);

    public sealed record Text(int Number, string Title, string Summary, string BodyHtml, DateTime? ReplacedAt);

    public async Task<IReadOnlyList<Version>> ListAsync(ReadCampaign.View campaign, CancellationToken cancellationToken)
    {
        var publishedAt = await db.Campaigns.Where(c => c.Id == campaign.Id).Select(c => c.PublishedAt).FirstAsync(cancellationToken);
        var replaced = await db.CampaignTextVersions.AsNoTracking()
            .Where(v => v.CampaignId == campaign.Id && v.Language == campaign.Language)
            .OrderBy(v => v.Version)
            .Select(v => new { v.Version, v.ReplacedAt })
            .ToListAsync(cancellationToken);
        var versions = new List<Version>();
        var from = publishedAt;
        foreach (var v in replaced)
        {
            versions.Add(new Version(v.Version, from, v.ReplacedAt));
            from = v.ReplacedAt;
        }
        versions.Add(new Version(campaign.Amended?.Version ?? versions.Count + 1, from, null));
        versions.Reverse();
        return versions;
    }

    /// <summary>A replaced version of the text, or null when there is none by that number.</summary>
    public async Task<Text?> ReadAsync(ReadCampaign.View campaign, int number, CancellationToken cancellationToken) =>
        await db.CampaignTextVersions.AsNoTracking()
            .Where(v => v.CampaignId == campaign.Id && v.Language == campaign.Language && v.Version == number)
            .Select(v => new Text(v.Version, v.Title, v.Summary, v.BodyHtml, v.ReplacedAt))
            .FirstOrDefaultAsync(cancellationToken);
}
