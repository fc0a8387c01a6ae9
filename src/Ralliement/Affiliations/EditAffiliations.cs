using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Editing;
using Ralliement.Organisers;

namespace Ralliement.Affiliations;

/// <summary>
/// The institutions a campaign recognises by their email domains. The page is one form: every button
/// saves all that was typed in it (renames, a domain typed for an institution, a new institution),
/// then does its own part (removing a domain or an institution); a refusal saves nothing and shows it
/// all again as typed. When a domain is added or removed, the campaign's confirmed and held signatures
/// are marked again from the domains they still hold (<see cref="RecheckAffiliations"/>), in the same
/// transaction.
/// </summary>
public sealed class EditAffiliations(RalliementDb db, Audit audit, RecheckAffiliations recheck, IOutputCacheStore publicPages, TimeProvider clock)
{
    public const int MaxInstitutions = 100;
    public const int MaxDomainsEach = 20;

    public sealed class DomainInput
    {
        public string? Domain { get; set; }
        public bool IncludesSubdomains { get; set; }
        public bool Excluded { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Domain);
    }

    public sealed class Row
    {
        public int Id { get; set; }
        public string? Name { get; set; }
        /// <summary>A domain to add to this institution; blank adds none.</summary>
        public DomainInput NewDomain { get; set; } = new();
    }

    public sealed class Form
    {
        public List<Row> Institutions { get; set; } = [];
        /// <summary>The institution to add, with its first domain; without a name, nothing is added.</summary>
        public string? NewName { get; set; }
        public DomainInput NewDomain { get; set; } = new() { IncludesSubdomains = true };
        /// <summary>The institution whose remove button was pressed.</summary>
        public int? RemoveInstitution { get; set; }
        /// <summary>The domain whose remove button was pressed.</summary>
        public int? RemoveDomain { get; set; }
    }

    /// <summary>The field an error about an institution is shown by: its inputs' id prefix.</summary>
    public static string FieldOf(int? institutionId) => institutionId is int id ? $"institution-{id}" : "new-institution";

    /// <summary>The field an error about the domain typed for an institution is shown by.</summary>
    public static string DomainFieldOf(int? institutionId) => FieldOf(institutionId) + "-domain";

    public async Task<EditResult> HandleAsync(OrganisationContext organisation, int campaignId, Form form, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return EditResult.NotFound;
        }
        var institutions = await db.AffiliationInstitutions.Include(i => i.Domains)
            .Where(i => i.CampaignId == campaignId).ToListAsync(cancellationToken);
        var errors = new FormErrors();
        // A row whose institution another editor removed meanwhile is gone: nothing to save in it.
        var rows = form.Institutions
            .Select(row => (Row: row, Institution: institutions.FirstOrDefault(i => i.Id == row.Id)))
            .Where(r => r.Institution is not null)
            .ToList();
        var removed = form.RemoveInstitution is int removeId ? institutions.FirstOrDefault(i => i.Id == removeId) : null;
        var removedDomain = form.RemoveDomain is int domainId ? institutions.SelectMany(i => i.Domains).FirstOrDefault(d => d.Id == domainId) : null;
        var kept = rows.Where(r => r.Institution != removed).ToList();

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, institution) in kept)
        {
            CheckName(row.Name, FieldOf(institution!.Id), names, errors);
            var domain = row.NewDomain.IsBlank ? null : CheckDomain(row.NewDomain, DomainFieldOf(institution.Id), errors);
            if (domain is not null && institution.Domains.Any(d => d.Domain == domain))
            {
                errors.Add(DomainFieldOf(institution.Id), "AffiliationDomainTwice", domain);
            }
            else if (domain is not null && institution.Domains.Count >= MaxDomainsEach)
            {
                errors.Add(DomainFieldOf(institution.Id), "AffiliationTooManyDomains", MaxDomainsEach);
            }
        }
        // Names of institutions not shown in the form (added meanwhile) still count as taken.
        foreach (var other in institutions.Where(i => i != removed && kept.All(r => r.Institution != i)))
        {
            names.Add(other.Name);
        }
        var adding = !string.IsNullOrWhiteSpace(form.NewName) || !form.NewDomain.IsBlank;
        string? newDomain = null;
        if (adding)
        {
            CheckName(form.NewName, FieldOf(null), names, errors);
            newDomain = form.NewDomain.IsBlank ? null : CheckDomain(form.NewDomain, DomainFieldOf(null), errors);
            if (form.NewDomain.Excluded)
            {
                errors.Add(DomainFieldOf(null), "AffiliationFirstDomainExcluded");
            }
            if (institutions.Count - (removed is null ? 0 : 1) >= MaxInstitutions)
            {
                errors.Add(FieldOf(null), "AffiliationTooManyInstitutions", MaxInstitutions);
            }
        }
        if (errors.Any)
        {
            return EditResult.Refused(errors);
        }

        var saved = new List<string>();
        var domainsChanged = false;
        foreach (var (row, institution) in kept)
        {
            var name = TypedText.Normalise(row.Name)!;
            if (name != institution!.Name)
            {
                audit.Record(organisation, "affiliation.rename", $"campaign:{campaignId}", name);
                institution.Name = name;
                saved.Add("InstitutionRenamed");
            }
            if (!row.NewDomain.IsBlank)
            {
                var domain = DeclaredDomain.Normalise(row.NewDomain.Domain)!;
                institution.Domains.Add(new AffiliationDomain { Domain = domain, IncludesSubdomains = row.NewDomain.IncludesSubdomains, Excluded = row.NewDomain.Excluded });
                audit.Record(organisation, row.NewDomain.Excluded ? "affiliation.exclusion-add" : "affiliation.domain-add", $"campaign:{campaignId}", Describe(institution.Name, domain, row.NewDomain));
                saved.Add("AffiliationDomainAdded");
                domainsChanged = true;
            }
        }
        if (adding)
        {
            var institution = new AffiliationInstitution { CampaignId = campaignId, Name = TypedText.Normalise(form.NewName)!, CreatedAt = clock.GetUtcNow().UtcDateTime };
            if (newDomain is not null)
            {
                institution.Domains.Add(new AffiliationDomain { Domain = newDomain, IncludesSubdomains = form.NewDomain.IncludesSubdomains });
                domainsChanged = true;
            }
            db.AffiliationInstitutions.Add(institution);
            audit.Record(organisation, "affiliation.add", $"campaign:{campaignId}",
                newDomain is null ? institution.Name : Describe(institution.Name, newDomain, form.NewDomain));
            saved.Add("InstitutionAdded");
        }
        if (removedDomain is not null && removed is null)
        {
            db.AffiliationDomains.Remove(removedDomain);
            var owner = institutions.First(i => i.Id == removedDomain.InstitutionId);
            audit.Record(organisation, "affiliation.domain-remove", $"campaign:{campaignId}", Describe(owner.Name, removedDomain.Domain, new DomainInput { IncludesSubdomains = removedDomain.IncludesSubdomains }));
            saved.Add("AffiliationDomainRemoved");
            domainsChanged = true;
        }
        if (removed is not null)
        {
            db.AffiliationInstitutions.Remove(removed);
            audit.Record(organisation, "affiliation.remove", $"campaign:{campaignId}", removed.Name);
            saved.Add("InstitutionRemoved");
            domainsChanged = true;
        }
        if (saved.Count == 0)
        {
            return EditResult.Did();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            if (removed is not null)
            {
                // No foreign key holds the marks (see Signature.VerifiedInstitutionId): cleared here, with the institution.
                int? removedId = removed.Id;
                await db.Signatures.Where(s => s.CampaignId == campaignId && s.VerifiedInstitutionId == removedId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.VerifiedInstitutionId, (int?)null), cancellationToken);
            }
            if (domainsChanged)
            {
                await recheck.HandleAsync(campaignId, cancellationToken);
                saved.Add("AffiliationsRechecked");
            }
            await transaction.CommitAsync(cancellationToken);
        }
        await publicPages.EvictByTagAsync(PublicPageCaching.Tag, CancellationToken.None);
        return EditResult.Did([.. saved.Distinct()]);
    }

    /// <summary>"Université Exemple — univ.example (*.univ.example)", for the audit log.</summary>
    private static string Describe(string institution, string domain, DomainInput input) =>
        $"{institution} — {domain}" + (input.IncludesSubdomains ? $" (*.{domain})" : "");

    private static void CheckName(string? typed, string field, HashSet<string> names, FormErrors errors)
    {
        var name = TypedText.Normalise(typed);
        if (name is null)
        {
            errors.Add(field, "AffiliationNameRequired");
        }
        else if (name.Length > SignerLimits.Institution)
        {
            errors.Add(field, "AffiliationNameTooLong", SignerLimits.Institution);
        }
        else if (!names.Add(name))
        {
            errors.Add(field, "AffiliationNameTwice", name);
        }
    }

    private static string? CheckDomain(DomainInput input, string field, FormErrors errors)
    {
        var domain = DeclaredDomain.Normalise(input.Domain);
        if (domain is null)
        {
            errors.Add(field, "AffiliationNotADomain", input.Domain!.Trim());
        }
        return domain;
    }
}
