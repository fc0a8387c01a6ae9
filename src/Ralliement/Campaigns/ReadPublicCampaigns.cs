namespace Ralliement.Campaigns;

/// <summary>The campaigns the home page lists: open ones first, then closed ones, newest first, in the page's language.</summary>
public sealed class ReadPublicCampaigns(RalliementDb db)
{
    /// <param name="OrganisationName">Who publishes it; the page is theirs when they publish every campaign listed.</param>
    /// <param name="AccentColour">The organisation's, as stored.</param>
    public sealed record Item(string Slug, string Title, string Summary, int SignatureCount, CampaignState State,
        string OrganisationName, string? AccentColour, int? Goal, int? NextGoal);

    public async Task<IReadOnlyList<Item>> HandleAsync(string language, CancellationToken cancellationToken)
    {
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => c.State == CampaignState.Open || c.State == CampaignState.Closed)
            .OrderByDescending(c => c.State == CampaignState.Open).ThenByDescending(c => c.CreatedAt)
            .Select(c => new
            {
                c.Slug,
                c.SignatureCount,
                c.State,
                c.DefaultLanguage,
                c.Goal,
                c.NextGoal,
                c.Organisation.Name,
                c.Organisation.AccentColour,
                Texts = c.Texts.Select(t => new { t.Language, t.Title, t.Summary }).ToList(),
            })
            .Take(100)
            .ToListAsync(cancellationToken);
        return campaigns.Select(c =>
        {
            var text = c.Texts.FirstOrDefault(t => t.Language == language) ?? c.Texts.FirstOrDefault(t => t.Language == c.DefaultLanguage) ?? c.Texts[0];
            return new Item(c.Slug, text.Title, text.Summary, c.SignatureCount, c.State, c.Name, c.AccentColour, c.Goal, c.NextGoal);
        }).ToList();
    }
}
