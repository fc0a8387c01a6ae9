namespace Ralliement.Affiliations;

/// <summary>
/// A campaign's declared domains, read when a signature is confirmed. One query on the indexes of
/// institutions (CampaignId, Name) and domains (InstitutionId, Domain): it returns no row for a
/// campaign that declares no institution, and a few dozen at most for one that does; read each time
/// rather than cached, so that every node marks by the rules as they are now.
/// </summary>
public sealed class ReadAffiliationRules(RalliementDb db)
{
    public async Task<AffiliationRules> HandleAsync(int campaignId, CancellationToken cancellationToken)
    {
        var rules = await db.AffiliationDomains.AsNoTracking()
            .Join(db.AffiliationInstitutions.Where(i => i.CampaignId == campaignId), d => d.InstitutionId, i => i.Id,
                (d, i) => new AffiliationRules.Rule(i.Id, d.Domain, d.IncludesSubdomains, d.Excluded))
            .ToListAsync(cancellationToken);
        return rules.Count == 0 ? AffiliationRules.None : new AffiliationRules(rules);
    }
}
