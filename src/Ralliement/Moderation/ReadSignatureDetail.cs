using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>One signature of the organisation's campaigns in full, for a moderator; none once withdrawn.</summary>
public sealed class ReadSignatureDetail(RalliementDb db)
{
    /// <param name="CampaignTitle">In the page's language, else the campaign's own, else its slug.</param>
    public sealed record Detail(Signature Signature, string CampaignTitle);

    public async Task<Detail?> HandleAsync(OrganisationContext organisation, long id, string language, CancellationToken cancellationToken)
    {
        var organisationId = organisation.Id;
        return await db.Signatures.AsNoTracking()
            .Where(s => s.Id == id && s.Campaign.OrganisationId == organisationId && s.State != SignatureState.Withdrawn)
            .Select(s => new Detail(s,
                s.Campaign.Texts.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault()
                    ?? s.Campaign.Texts.Where(t => t.Language == s.Campaign.DefaultLanguage).Select(t => t.Title).FirstOrDefault() ?? s.Campaign.Slug))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
