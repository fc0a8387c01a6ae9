namespace Ralliement.Affiliations;

/// <summary>
/// Which institution, if any, an email domain proves membership of, among those a campaign declares.
/// A domain matches an institution when it equals one of its domains, or lies under one that includes
/// subdomains, and none of that institution's exclusions covers it (any exclusion refuses, however
/// specific the domain that matched). When several institutions match, the most specific domain
/// wins (the longest: a laboratory's own domain under its university's); on a tie, the institution
/// declared first. <see cref="RecheckAffiliations"/> applies the same rules in SQL.
/// </summary>
public sealed class AffiliationRules
{
    /// <summary>One declared domain of an institution (<see cref="Data.AffiliationDomain"/>).</summary>
    public sealed record Rule(int InstitutionId, string Domain, bool IncludesSubdomains, bool Excluded)
    {
        /// <summary>Whether this rule's domain is <paramref name="domain"/> or, when it includes subdomains, one of its parents.</summary>
        public bool Covers(string domain) =>
            domain == Domain
            || (IncludesSubdomains && domain.Length > Domain.Length + 1
                && domain.EndsWith(Domain, StringComparison.Ordinal) && domain[^(Domain.Length + 1)] == '.');
    }

    public static readonly AffiliationRules None = new([]);

    private readonly IReadOnlyList<Rule> _rules;

    public AffiliationRules(IEnumerable<Rule> rules) => _rules = [.. rules];

    public IReadOnlyList<Rule> All => _rules;

    /// <param name="domain">An address's domain as stored (<see cref="Data.Signature.EmailDomain"/>: ASCII, lower case).</param>
    /// <returns>The institution the address proves membership of, or null.</returns>
    public int? Match(string? domain)
    {
        if (string.IsNullOrEmpty(domain) || _rules.Count == 0)
        {
            return null;
        }
        var excluded = _rules.Where(r => r.Excluded && r.Covers(domain)).Select(r => r.InstitutionId).ToHashSet();
        return _rules
            .Where(r => !r.Excluded && !excluded.Contains(r.InstitutionId) && r.Covers(domain))
            .OrderByDescending(r => r.Domain.Length).ThenBy(r => r.InstitutionId)
            .Select(r => (int?)r.InstitutionId)
            .FirstOrDefault();
    }
}
