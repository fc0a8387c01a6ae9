using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ralliement.Data;

/// <summary>
/// An institution whose members a campaign recognises by their email address: a signature confirmed
/// from an address at one of its <see cref="AffiliationDomain"/>s is marked as a verified member
/// (<see cref="Signature.VerifiedInstitutionId"/>).
/// </summary>
public sealed class AffiliationInstitution
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    /// <summary>The institution as the public list and the statistics name it.</summary>
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<AffiliationDomain> Domains { get; } = [];
}

/// <summary>
/// One email domain of an institution (ASCII, lower case). An exclusion names a part of it whose
/// addresses prove nothing (students, alumni, guests), and wins over the domains it lies under.
/// </summary>
public sealed class AffiliationDomain
{
    public int Id { get; set; }
    public int InstitutionId { get; set; }
    public required string Domain { get; set; }
    /// <summary>Whether addresses at any subdomain (<c>lab.univ.example</c>) match as well as the domain itself.</summary>
    public bool IncludesSubdomains { get; set; }
    /// <summary>Whether addresses here are refused rather than accepted.</summary>
    public bool Excluded { get; set; }
}

internal sealed class AffiliationInstitutionConfiguration : IEntityTypeConfiguration<AffiliationInstitution>
{
    public void Configure(EntityTypeBuilder<AffiliationInstitution> i)
    {
        i.Property(x => x.Name).HasMaxLength(SignerLimits.Institution);
        i.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        i.HasMany(x => x.Domains).WithOne().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Cascade);
        i.HasIndex(x => new { x.CampaignId, x.Name }).IsUnique();
    }
}

internal sealed class AffiliationDomainConfiguration : IEntityTypeConfiguration<AffiliationDomain>
{
    public void Configure(EntityTypeBuilder<AffiliationDomain> d)
    {
        d.Property(x => x.Domain).HasMaxLength(SignerLimits.Email);
        d.HasIndex(x => new { x.InstitutionId, x.Domain }).IsUnique();
    }
}
