using Ralliement.Affiliations;

namespace Ralliement.Tests.Affiliations;

public sealed class AffiliationRulesTests
{
    private const int University = 1, Laboratory = 2, Hospital = 3;

    private static readonly AffiliationRules Rules = new(
    [
        new(University, "univ.example", IncludesSubdomains: true, Excluded: false),
        new(University, "etu.univ.example", IncludesSubdomains: true, Excluded: true),
        new(University, "alumni.univ.example", IncludesSubdomains: false, Excluded: true),
        new(Laboratory, "lab.univ.example", IncludesSubdomains: true, Excluded: false),
        new(Hospital, "chu.example", IncludesSubdomains: false, Excluded: false),
    ]);

    [Theory]
    [InlineData("univ.example", University)]
    [InlineData("physique.univ.example", University)]
    [InlineData("a.b.univ.example", University)]
    [InlineData("lab.univ.example", Laboratory)]
    [InlineData("team.lab.univ.example", Laboratory)]
    [InlineData("chu.example", Hospital)]
    public void An_address_at_a_declared_domain_or_under_one_with_its_subdomains_proves_membership(string domain, int institution) =>
        Assert.Equal(institution, Rules.Match(domain));

    [Theory]
    [InlineData("etu.univ.example")]
    [InlineData("x.etu.univ.example")]
    [InlineData("alumni.univ.example")]
    [InlineData("service.chu.example")]
    [InlineData("notuniv.example")]
    [InlineData("univ.example.evil.test")]
    [InlineData("example")]
    [InlineData("")]
    [InlineData(null)]
    public void Exclusions_subdomains_not_included_and_look_alike_domains_prove_nothing(string? domain) =>
        Assert.Null(Rules.Match(domain));

    [Fact]
    public void An_exclusion_without_subdomains_refuses_only_the_domain_itself() =>
        Assert.Equal(University, Rules.Match("x.alumni.univ.example"));

    [Fact]
    public void An_exclusion_refuses_only_for_its_own_institution()
    {
        var rules = new AffiliationRules(
        [
            new(University, "univ.example", true, false),
            new(University, "lab.univ.example", true, true),
            new(Laboratory, "lab.univ.example", false, false),
        ]);
        Assert.Equal(Laboratory, rules.Match("lab.univ.example"));
        Assert.Null(rules.Match("x.lab.univ.example"));
    }

    [Fact]
    public void Between_two_institutions_declaring_one_domain_the_one_declared_first_wins()
    {
        var rules = new AffiliationRules([new(Hospital, "shared.example", false, false), new(University, "shared.example", false, false)]);
        Assert.Equal(University, rules.Match("shared.example"));
    }

    [Theory]
    [InlineData(" @Univ.Example. ", "univ.example")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("lab-2.univ.example", "lab-2.univ.example")]
    public void A_declared_domain_is_written_as_signatures_store_theirs(string typed, string stored) =>
        Assert.Equal(stored, DeclaredDomain.Normalise(typed));

    [Theory]
    [InlineData("pas un domaine")]
    [InlineData("ana@univ.example")]
    [InlineData("localhost")]
    [InlineData("-univ.example")]
    [InlineData("univ..example")]
    [InlineData("192.168.0.1")]
    [InlineData("*.univ.example")]
    [InlineData("")]
    public void What_is_not_a_domain_name_is_refused(string typed) =>
        Assert.Null(DeclaredDomain.Normalise(typed));

    [Theory]
    [InlineData("gmail.com", false, DeclaredDomain.Warning.Webmail)]
    [InlineData("hotmail.fr", false, DeclaredDomain.Warning.Webmail)]
    [InlineData("hotmail.co.uk", false, DeclaredDomain.Warning.Webmail)]
    [InlineData("orange.fr", true, DeclaredDomain.Warning.Webmail)]
    [InlineData("ac.uk", true, DeclaredDomain.Warning.PublicSuffix)]
    [InlineData("gouv.fr", true, DeclaredDomain.Warning.PublicSuffix)]
    [InlineData("edu", true, DeclaredDomain.Warning.PublicSuffix)]
    [InlineData("github.io", true, DeclaredDomain.Warning.PublicSuffix)]
    public void Webmails_and_public_suffixes_are_warned_about(string domain, bool includesSubdomains, DeclaredDomain.Warning warning) =>
        Assert.Contains(warning, DeclaredDomain.WarningsFor(domain, includesSubdomains));

    [Theory]
    [InlineData("univ-paris.fr", true)]
    [InlineData("ox.ac.uk", true)]
    [InlineData("live.univ.example", true)]
    [InlineData("gouv.fr", false)]
    public void An_institutions_own_domain_and_a_suffix_without_its_subdomains_raise_no_warning(string domain, bool includesSubdomains) =>
        Assert.Empty(DeclaredDomain.WarningsFor(domain, includesSubdomains));
}
