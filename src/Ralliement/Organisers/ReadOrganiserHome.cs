namespace Ralliement.Organisers;

/// <summary>Where a signed-in organiser starts: their organisations, then one organisation's campaigns.</summary>
public sealed class ReadOrganiserHome(RalliementDb db)
{
    public sealed record OrganisationRow(string Slug, string Name, OrganisationRole Role);

    public sealed record CampaignRow(int Id, string Slug, string Title, CampaignState State, int SignatureCount, int Held);

    /// <summary>The organisations the organiser belongs to, by name, with their role in each.</summary>
    public async Task<IReadOnlyList<OrganisationRow>> MembershipsAsync(string? organiserId, CancellationToken cancellationToken) =>
        await db.Memberships.AsNoTracking()
            .Where(m => m.OrganiserId == organiserId)
            .OrderBy(m => m.Organisation.Name)
            .Select(m => new OrganisationRow(m.Organisation.Slug, m.Organisation.Name, m.Role))
            .ToListAsync(cancellationToken);

    /// <summary>The organisation's campaigns, newest first, with their count and the signatures waiting for a moderator.</summary>
    public async Task<IReadOnlyList<CampaignRow>> CampaignsAsync(OrganisationContext organisation, string language, CancellationToken cancellationToken) =>
        await db.CampaignsOf(organisation).AsNoTracking()
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new CampaignRow(
                c.Id,
                c.Slug,
                c.Texts.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault()
                    ?? c.Texts.Where(t => t.Language == c.DefaultLanguage).Select(t => t.Title).FirstOrDefault() ?? c.Slug,
                c.State,
                c.SignatureCount,
                db.Signatures.Count(s => s.CampaignId == c.Id && s.State == SignatureState.Held)))
            .ToListAsync(cancellationToken);
}
