using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ralliement.Data;

/// <summary>
/// The one EF Core model of Ralliement. Each database provider has a thin subclass that only
/// owns its migrations (see <see cref="SqliteRalliementDb"/>). Organisers' accounts are ASP.NET Core
/// Identity's tables in the same database.
/// </summary>
public partial class RalliementDb(DbContextOptions options) : IdentityDbContext<Organiser>(options)
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

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored as UTC DateTime: SQLite cannot order DateTimeOffset, and the
        // kind is lost on the way back, so it is restored here once for all properties.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(4000);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Organisation>(o =>
        {
            o.HasIndex(x => x.Slug).IsUnique();
            o.Property(x => x.Slug).HasMaxLength(80);
            o.Property(x => x.Name).HasMaxLength(200);
            o.Property(x => x.ContactEmail).HasMaxLength(254);
            o.Property(x => x.PostalAddress).HasMaxLength(500);
            o.Property(x => x.DataController).HasMaxLength(500);
            o.Property(x => x.LegalNotice).HasMaxLength(4000);
            o.Property(x => x.UnprovenSignatures).HasConversion<string>().HasMaxLength(20);
        });
        // The purge deletes by expiry.
        modelBuilder.Entity<SpentProof>().HasIndex(x => x.ExpiresAt);
        OnOrganisersCreating(modelBuilder);

        modelBuilder.Entity<Campaign>(c =>
        {
            c.HasIndex(x => x.Slug).IsUnique();
            c.Property(x => x.Slug).HasMaxLength(80);
            c.Property(x => x.DefaultLanguage).HasMaxLength(8);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Institution).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.ProfessionalStatus).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Discipline).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.City).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Country).HasConversion<string>().HasMaxLength(20);
            c.HasMany(x => x.CustomFields).WithOne().HasForeignKey(x => x.CampaignId);
            c.HasMany(x => x.Texts).WithOne().HasForeignKey(x => x.CampaignId);
            c.HasMany(x => x.Commitments).WithOne().HasForeignKey(x => x.CampaignId);
        });

        modelBuilder.Entity<CampaignText>(t =>
        {
            t.HasKey(x => new { x.CampaignId, x.Language });
            t.Property(x => x.Language).HasMaxLength(8);
            t.Property(x => x.Title).HasMaxLength(300);
            t.Property(x => x.Summary).HasMaxLength(1000);
            t.Property(x => x.BodyMarkdown).HasMaxLength(200_000);
            t.Property(x => x.BodyHtml).HasMaxLength(400_000);
            t.Property(x => x.AmendmentNote).HasMaxLength(1000);
        });

        modelBuilder.Entity<Commitment>(c =>
        {
            c.HasMany(x => x.Labels).WithOne().HasForeignKey(x => x.CommitmentId);
        });

        modelBuilder.Entity<CommitmentLabel>(l =>
        {
            l.HasKey(x => new { x.CommitmentId, x.Language });
            l.Property(x => x.Language).HasMaxLength(8);
            l.Property(x => x.Text).HasMaxLength(500);
        });

        modelBuilder.Entity<Signature>(s =>
        {
            s.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.Language).HasMaxLength(8);
            s.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.City).HasMaxLength(SignerLimits.Detail);
            s.Property(x => x.Country).HasMaxLength(SignerLimits.Detail);
            s.Property(x => x.OrganisationName).HasMaxLength(SignerLimits.Institution);
            s.Property(x => x.OrganisationKind).HasMaxLength(SignerLimits.Detail);
            s.Property(x => x.ModerationNote).HasMaxLength(1000);
            s.HasMany(x => x.FieldValues).WithOne().HasForeignKey(x => x.SignatureId);
            s.Property(x => x.FirstName).HasMaxLength(SignerLimits.Name);
            s.Property(x => x.LastName).HasMaxLength(SignerLimits.Name);
            s.Property(x => x.SealedEmail).HasMaxLength(SignerLimits.SealedEmail);
            s.Property(x => x.EmailKey).HasMaxLength(SignerLimits.Email);
            s.Property(x => x.EmailDomain).HasMaxLength(SignerLimits.Email);
            s.Property(x => x.HoldReason).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.ConsentVersion).HasMaxLength(40);
            s.Property(x => x.Institution).HasMaxLength(SignerLimits.Institution);
            s.Property(x => x.ProfessionalStatus).HasMaxLength(SignerLimits.Detail);
            s.Property(x => x.Discipline).HasMaxLength(SignerLimits.Detail);
            s.Property(x => x.SearchText).HasMaxLength(SignerLimits.Name * 2 + SignerLimits.Institution + 2);
            // Withdrawn signatures have no key, and NULLs never collide in a unique index
            // (SQLite and PostgreSQL alike), so the address can sign again later.
            s.HasIndex(x => new { x.CampaignId, x.EmailKey }).IsUnique();
            // The public lists (people, organisations) read the latest confirmed, public signatures by key.
            s.HasIndex(x => new { x.CampaignId, x.State, x.ShowPublicly, x.Kind, x.Id });
            s.HasMany(x => x.Commitments).WithOne().HasForeignKey(x => x.SignatureId);
        });

        modelBuilder.Entity<SignatureCommitment>(sc =>
        {
            sc.HasKey(x => new { x.SignatureId, x.CommitmentId });
            sc.HasOne<Commitment>().WithMany().HasForeignKey(x => x.CommitmentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ConfirmationToken>(t =>
        {
            t.HasIndex(x => x.Hash).IsUnique();
            t.Property(x => x.Hash).HasMaxLength(32);
        });

        modelBuilder.Entity<OutboxMessage>(m =>
        {
            m.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.To).HasMaxLength(SignerLimits.SealedEmail);
            m.Property(x => x.Subject).HasMaxLength(500);
            m.Property(x => x.TextBody).HasMaxLength(100_000);
            m.Property(x => x.HtmlBody).HasMaxLength(200_000);
            m.Property(x => x.LastError).HasMaxLength(2000);
            m.Property(x => x.UnsubscribeUrl).HasMaxLength(2000);
            // Serves the claim: the pending rows, read in the order they are sent.
            m.HasIndex(x => new { x.State, x.Priority, x.NextAttemptAt, x.Id });
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>Longest accepted signer inputs, shared by validation and the schema.</summary>
public static class SignerLimits
{
    public const int Name = 100;
    public const int Email = 254;
    /// <summary>An address of at most 254 UTF-8 bytes once encrypted and written in base 64, with its key's name.</summary>
    public const int SealedEmail = 512;
    public const int Institution = 200;
    public const int Detail = 120;
}
