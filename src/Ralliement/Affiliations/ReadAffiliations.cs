namespace Ralliement.Affiliations;

/// <summary>A campaign's institutions with their domains and how many confirmed signatories are verified members of each.</summary>
public sealed class ReadAffiliations(RalliementDb db)
{
    public sealed record DomainView(int Id, string Domain, bool IncludesSubdomains, bool Excluded, IReadOnlyList<DeclaredDomain.Warning> Warnings);

    public sealed record InstitutionView(int Id, string Name, IReadOnlyList<DomainView> Domains, int Verified);

    /// <param name="Confirmed">Confirmed signatures of the campaign.</param>
    /// <param name="Verified">Those among them that are verified members of an institution.</param>
    public sealed record View(IReadOnlyList<InstitutionView> Institutions, int Confirmed, int Verified)
    {
        public InstitutionView? Institution(int id) => Institutions.FirstOrDefault(i => i.Id == id);

        /// <summary>Institutions with at least one verified member.</summary>
        public int InstitutionsWithMembers => Institutions.Count(i => i.Verified > 0);
    }

    public async Task<View> HandleAsync(int campaignId, CancellationToken cancellationToken)
    {
        var institutions = await db.AffiliationInstitutions.AsNoTracking().Include(i => i.Domains)
            .Where(i => i.CampaignId == campaignId)
            .OrderBy(i => i.Name)
            .ToListAsync(cancellationToken);
        var confirmed = SignatureState.Confirmed;
        var counts = institutions.Count == 0
            ? []
            : await db.Signatures.Where(s => s.CampaignId == campaignId && s.State == confirmed && s.VerifiedInstitutionId != null)
                .GroupBy(s => s.VerifiedInstitutionId!.Value)
                .Select(g => new { InstitutionId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.InstitutionId, g => g.Count, cancellationToken);
        var total = await db.Signatures.CountAsync(s => s.CampaignId == campaignId && s.State == confirmed, cancellationToken);
        var views = institutions.Select(i => new InstitutionView(
            i.Id,
            i.Name,
            [.. i.Domains.OrderBy(d => d.Excluded).ThenBy(d => d.Domain)
                .Select(d => new DomainView(d.Id, d.Domain, d.IncludesSubdomains, d.Excluded, d.Excluded ? [] : DeclaredDomain.WarningsFor(d.Domain, d.IncludesSubdomains)))],
            counts.GetValueOrDefault(i.Id))).ToList();
        return new View(views, total, views.Sum(v => v.Verified));
    }
}
