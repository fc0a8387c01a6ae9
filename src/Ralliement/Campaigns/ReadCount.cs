namespace Ralliement.Campaigns;

/// <summary>
/// The live count of a campaign, for badges, widgets and anyone checking it:
/// <c>GET /api/campaigns/{slug}/count</c> answers <c>{"slug":…,"count":…,"goal":…}</c>.
/// It reads the count column, never counts rows, and is cached like the public pages.
/// </summary>
public sealed class ReadCount(RalliementDb db)
{
    public sealed record Result(string Slug, int Count, int? Goal);

    public async Task<Result?> HandleAsync(string slug, CancellationToken cancellationToken) =>
        await db.Campaigns.AsNoTracking()
            .Where(c => c.Slug == slug && c.State != CampaignState.Draft)
            .Select(c => new Result(c.Slug, c.SignatureCount, c.Goal))
            .FirstOrDefaultAsync(cancellationToken);
}
