using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>One signature of the organisation's campaigns in full, for a moderator; none once withdrawn.</summary>
public sealed class ReadSignatureDetail(RalliementDb db)
{
    public sealed record Detail(Signature Signature, string CampaignSlug);

    public async Task<Detail?> HandleAsync(OrganisationContext organisation, long id, CancellationToken cancellationToken)
    {
        var organisationId = organisation.Id;
        return await db.Signatures.AsNoTracking()
            .Where(s => s.Id == id && s.Campaign.OrganisationId == organisationId && s.State != SignatureState.Withdrawn)
            .Select(s => new Detail(s, s.Campaign.Slug))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
