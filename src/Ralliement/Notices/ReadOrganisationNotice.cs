using Ralliement.Campaigns;

namespace Ralliement.Notices;

/// <summary>
/// The settings an organisation's notices are written from. Only an organisation with at least one
/// published campaign has public notices: one that has only drafts stays unknown to visitors.
/// </summary>
public sealed class ReadOrganisationNotice(RalliementDb db)
{
    public async Task<ReadCampaign.OrganisationView?> HandleAsync(string slug, CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking()
            .Where(o => o.Slug == slug && o.Campaigns.Any(c => c.State != CampaignState.Draft))
            .Select(o => new ReadCampaign.OrganisationView(o.Name, o.ContactEmail, o.PostalAddress, o.RetentionMonths, o.DataController, o.LegalNotice, o.Slug, o.AccentColour, o.TimeZone))
            .FirstOrDefaultAsync(cancellationToken);
}
