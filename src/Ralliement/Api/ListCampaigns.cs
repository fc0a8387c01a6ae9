namespace Ralliement.Api;

/// <summary>
/// Published campaigns (never a draft), newest first, a page at a time by key: the page after a
/// campaign's id lists those published before it, whatever was published meanwhile.
/// </summary>
public sealed class ListCampaigns(RalliementDb db)
{
    public sealed record Item(int Id, string Slug, CampaignKind Kind, CampaignState State, string Organisation, string DefaultLanguage,
        IReadOnlyList<Text> Texts, int Count, int? Goal, DateTime? PublishedAt);

    public sealed record Text(string Language, string Title, string Summary);

    /// <param name="state">Only campaigns in this state; null for every published one.</param>
    /// <param name="organisation">Only the campaigns of the organisation with this slug; null for all.</param>
    /// <param name="after">Only campaigns with a smaller id (the next page).</param>
    /// <returns>Up to <paramref name="limit"/> campaigns, and whether more follow.</returns>
    public async Task<(IReadOnlyList<Item> Items, bool More)> HandleAsync(CampaignState? state, string? organisation, int? after, int limit,
        CancellationToken cancellationToken)
    {
        var query = db.Campaigns.AsNoTracking().Where(c => c.State != CampaignState.Draft);
        if (state is not null)
        {
            query = query.Where(c => c.State == state);
        }
        if (organisation is not null)
        {
            query = query.Where(c => c.Organisation.Slug == organisation);
        }
        if (after is not null)
        {
            query = query.Where(c => c.Id < after);
        }
        var rows = await query.OrderByDescending(c => c.Id).Take(limit + 1)
            .Select(c => new
            {
                c.Id,
                c.Slug,
                c.Kind,
                c.State,
                Organisation = c.Organisation.Slug,
                c.DefaultLanguage,
                Texts = c.Texts.OrderBy(t => t.Language).Select(t => new Text(t.Language, t.Title, t.Summary)).ToList(),
                c.SignatureCount,
                c.Goal,
                c.PublishedAt,
            })
            .ToListAsync(cancellationToken);
        var items = rows.Take(limit)
            .Select(c => new Item(c.Id, c.Slug, c.Kind, c.State, c.Organisation, c.DefaultLanguage, c.Texts, c.SignatureCount, c.Goal, c.PublishedAt))
            .ToList();
        return (items, rows.Count > limit);
    }
}
