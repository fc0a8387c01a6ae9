namespace Ralliement.Api;

/// <summary>
/// The organisations the API names: only those with a published campaign, as for their notices
/// (<see cref="Notices.ReadOrganisationNotice"/>); one that has only drafts stays unknown.
/// </summary>
public sealed class ReadOrganisations(RalliementDb db)
{
    /// <summary>More than any self-hosted site holds; past it the list is cut, by name.</summary>
    public const int Max = 500;

    public sealed record Item(string Slug, string Name, int CampaignCount);

    public async Task<IReadOnlyList<Item>> ListAsync(CancellationToken cancellationToken) =>
        await Items(Public().OrderBy(o => o.Name).ThenBy(o => o.Slug).Take(Max)).ToListAsync(cancellationToken);

    public async Task<Item?> ReadAsync(string slug, CancellationToken cancellationToken) =>
        await Items(Public().Where(o => o.Slug == slug)).FirstOrDefaultAsync(cancellationToken);

    private IQueryable<Organisation> Public() =>
        db.Organisations.AsNoTracking().Where(o => o.Campaigns.Any(c => c.State != CampaignState.Draft));

    private static IQueryable<Item> Items(IQueryable<Organisation> organisations) =>
        organisations.Select(o => new Item(o.Slug, o.Name, o.Campaigns.Count(c => c.State != CampaignState.Draft)));
}
