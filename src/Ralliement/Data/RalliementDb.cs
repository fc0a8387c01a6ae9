using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ralliement.Data;

/// <summary>
/// The one EF Core model of Ralliement. Each database provider has a thin subclass that only
/// owns its migrations (see <see cref="SqliteRalliementDb"/>). Organisers' accounts are ASP.NET Core
/// Identity's tables in the same database.
/// </summary>
public class RalliementDb(DbContextOptions options) : IdentityDbContext<Organiser>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignText> CampaignTexts => Set<CampaignText>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<Signature> Signatures => Set<Signature>();
    public DbSet<ConfirmationToken> ConfirmationTokens => Set<ConfirmationToken>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<CampaignTextVersion> CampaignTextVersions => Set<CampaignTextVersion>();
    public DbSet<CustomField> CustomFields => Set<CustomField>();
    public DbSet<SignatureFieldValue> SignatureFieldValues => Set<SignatureFieldValue>();
    public DbSet<CampaignLogo> CampaignLogos => Set<CampaignLogo>();
    public DbSet<NewsPost> News => Set<NewsPost>();
    public DbSet<NewsText> NewsTexts => Set<NewsText>();
    public DbSet<SignatureImport> SignatureImports => Set<SignatureImport>();
    public DbSet<SpentProof> SpentProofs => Set<SpentProof>();
    public DbSet<AffiliationInstitution> AffiliationInstitutions => Set<AffiliationInstitution>();
    public DbSet<AffiliationDomain> AffiliationDomains => Set<AffiliationDomain>();

    /// <summary>The keys of cookies, antiforgery and one-time links, shared by every node (<see cref="Shared.DataProtectionKeys"/>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored as UTC DateTime: SQLite cannot order DateTimeOffset, and the
        // kind is lost on the way back, so it is restored here once for all properties.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(4000);
    }

    // Each entity's configuration sits beside it (Campaign.cs, Signature.cs, ...).
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RalliementDb).Assembly);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
