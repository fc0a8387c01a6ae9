using System.Linq.Expressions;

namespace Ralliement.Affiliations;

/// <summary>
/// Marks a campaign's confirmed and held signatures again after its institutions or domains changed,
/// from the data still held: each signature's <see cref="Signature.EmailDomain"/>, kept until the
/// signer withdraws or erases it or the retention purge, which clear the mark with it. The rules of
/// <see cref="AffiliationRules"/>, in set-based updates rather than row by row: all marks cleared,
/// then one update per accepted domain, least specific first so that a more specific one overwrites
/// it, each leaving out its institution's exclusions. One pass over the campaign's rows per domain;
/// run it in the caller's transaction, with the change it follows.
/// </summary>
public sealed class RecheckAffiliations(RalliementDb db, ReadAffiliationRules readRules)
{
    /// <returns>How many signatures are verified members once re-checked.</returns>
    public async Task<int> HandleAsync(int campaignId, CancellationToken cancellationToken)
    {
        var rules = (await readRules.HandleAsync(campaignId, cancellationToken)).All;
        var confirmed = SignatureState.Confirmed;
        var held = SignatureState.Held;
        var form = SignatureSource.Form;
        var person = SignatoryKind.Person;
        var markable = db.Signatures.Where(s => s.CampaignId == campaignId && (s.State == confirmed || s.State == held)
            && s.Source == form && s.Kind == person && s.EmailDomain != null);

        await markable.Where(s => s.VerifiedInstitutionId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.VerifiedInstitutionId, (int?)null), cancellationToken);
        var marked = 0;
        // On a tie in length the institution declared first wins, as in AffiliationRules: it is written last.
        foreach (var rule in rules.Where(r => !r.Excluded).OrderBy(r => r.Domain.Length).ThenByDescending(r => r.InstitutionId))
        {
            var query = markable.Where(Covers(rule));
            foreach (var exclusion in rules.Where(r => r.Excluded && r.InstitutionId == rule.InstitutionId))
            {
                query = query.Where(Not(Covers(exclusion)));
            }
            int? institutionId = rule.InstitutionId;
            marked += await query.ExecuteUpdateAsync(s => s.SetProperty(x => x.VerifiedInstitutionId, institutionId), cancellationToken);
        }
        return marked == 0 ? 0 : await markable.CountAsync(s => s.VerifiedInstitutionId != null, cancellationToken);
    }

    /// <summary><see cref="AffiliationRules.Rule.Covers"/> as SQL: the domain itself, or any domain ending in "." and it.</summary>
    private static Expression<Func<Signature, bool>> Covers(AffiliationRules.Rule rule)
    {
        var domain = rule.Domain;
        if (!rule.IncludesSubdomains)
        {
            return s => s.EmailDomain == domain;
        }
        var under = "." + domain;
        return s => s.EmailDomain == domain || s.EmailDomain!.EndsWith(under);
    }

    private static Expression<Func<Signature, bool>> Not(Expression<Func<Signature, bool>> condition) =>
        Expression.Lambda<Func<Signature, bool>>(Expression.Not(condition.Body), condition.Parameters);
}
