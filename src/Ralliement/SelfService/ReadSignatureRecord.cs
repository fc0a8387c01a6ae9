using Ralliement.Privacy;

namespace Ralliement.SelfService;

/// <summary>Everything stored about one signature, found by a link that has not expired, labelled in the page's language.</summary>
public sealed class ReadSignatureRecord(RalliementDb db, AddressProtection addresses, TimeProvider clock)
{
    /// <param name="Signature">The row as stored, read only.</param>
    /// <param name="Email">The address as the signer typed it, when it is still kept (sealed); else null.</param>
    /// <param name="OrganisationName">Who publishes the text, as the signing form named them in its consents.</param>
    /// <param name="VerifiedInstitution">The institution the signer is a verified member of, by name; null when unverified.</param>
    /// <param name="CampaignDeclaresInstitutions">Whether the form offered to be listed anonymously.</param>
    public sealed record Record(
        Signature Signature, string CampaignSlug, string CampaignTitle, string OrganisationName, bool CampaignHoldsForReview,
        string? Email, IReadOnlyList<string> Commitments, IReadOnlyList<FieldValue> Fields,
        string? VerifiedInstitution = null, bool CampaignDeclaresInstitutions = false)
    {
        /// <summary>The consents' wording as this signer's form showed it: the anonymous listing only where it was offered.</summary>
        public IEnumerable<string> ConsentNames => Signing.ConsentWording.NamesShownTo(Signature.ConsentVersion, CampaignDeclaresInstitutions);

        /// <summary>The resource key saying how the public list shows this signature (<c>SelfServiceText</c>).</summary>
        public string PublicListingKey =>
            !Signature.ShowPublicly ? "ShowPubliclyNo"
            : !Signature.ListedAnonymously ? "ShowPubliclyYes"
            : VerifiedInstitution is null ? "ListedAnonymouslyUnverified" : "ListedAnonymouslyVerified";
    }

    public sealed record FieldValue(string Label, string Value);

    public async Task<Record?> HandleAsync(string token, string language, CancellationToken cancellationToken)
    {
        var hash = SecretTokens.HashOf(token);
        if (hash is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var signatureId = await db.ConfirmationTokens
            .Where(t => t.Hash == hash && t.ExpiresAt > now && t.Signature.State != SignatureState.Withdrawn)
            .Select(t => (long?)t.SignatureId)
            .FirstOrDefaultAsync(cancellationToken);
        if (signatureId is null)
        {
            return null;
        }
        var signature = await db.Signatures.AsNoTracking()
            .Include(s => s.Campaign).ThenInclude(c => c.Texts)
            .Include(s => s.Campaign).ThenInclude(c => c.Organisation)
            .Include(s => s.Commitments)
            .Include(s => s.FieldValues)
            .AsSplitQuery()
            .FirstAsync(s => s.Id == signatureId, cancellationToken);
        var campaign = signature.Campaign;
        var text = campaign.Texts.FirstOrDefault(t => t.Language == language)
            ?? campaign.Texts.FirstOrDefault(t => t.Language == campaign.DefaultLanguage);
        var commitmentIds = signature.Commitments.Select(c => c.CommitmentId).ToList();
        var commitments = await db.Commitments.AsNoTracking().Include(c => c.Labels)
            .Where(c => commitmentIds.Contains(c.Id)).OrderBy(c => c.Position).ToListAsync(cancellationToken);
        var fieldIds = signature.FieldValues.Select(v => v.CustomFieldId).ToList();
        // Every field the signer filled, even one the organisers have hidden since.
        var fields = await db.CustomFields.AsNoTracking().Include(f => f.Labels)
            .Where(f => fieldIds.Contains(f.Id)).OrderBy(f => f.Position).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var institutions = await db.AffiliationInstitutions.AsNoTracking().Where(i => i.CampaignId == campaign.Id)
            .Select(i => new { i.Id, i.Name }).ToListAsync(cancellationToken);
        return new Record(
            signature, campaign.Slug, text?.Title ?? campaign.Slug, campaign.Organisation.Name, campaign.HoldsSignaturesForReview,
            addresses.TryOpen(signature.SealedEmail, out var email) ? email : null,
            commitments.Select(c => Label(c.Labels.Select(l => (l.Language, l.Text)), language, campaign.DefaultLanguage)).ToList(),
            fields.Select(f => new FieldValue(
                Label(f.Labels.Select(l => (l.Language, l.Text)), language, campaign.DefaultLanguage),
                signature.FieldValues.First(v => v.CustomFieldId == f.Id).Value)).ToList(),
            institutions.FirstOrDefault(i => i.Id == signature.VerifiedInstitutionId)?.Name,
            institutions.Count > 0);
    }

    private static string Label(IEnumerable<(string Language, string Text)> labels, string language, string fallback)
    {
        var all = labels.ToList();
        return all.FirstOrDefault(l => l.Language == language).Text
            ?? all.FirstOrDefault(l => l.Language == fallback).Text
            ?? all.FirstOrDefault().Text ?? "";
    }
}
