using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ralliement.Data;

/// <summary>
/// Pending until the signer confirms by email; then Confirmed, or Held when it waits for a moderator,
/// who confirms or rejects it. Only Confirmed signatures count and show.
/// </summary>
public enum SignatureState { Pending, Confirmed, Withdrawn, Held, Rejected }

/// <summary>A person, or an organisation signing as such through its representative.</summary>
public enum SignatoryKind { Person, Organisation }

/// <summary>Why a signature waits for a moderator once its signer confirmed it, besides a campaign that holds every one.</summary>
public enum HoldReason
{
    /// <summary>Sent without a valid proof of work, and the organisation holds such signatures.</summary>
    NoProofOfWork,
    /// <summary>Written while the campaign's signing rate jumped abnormally (no longer given: a surge is success, not abuse; kept for earlier rows).</summary>
    SigningWave,
    /// <summary>Written while one email domain's share of the campaign's signatures jumped abnormally.</summary>
    DomainWave,
    /// <summary>Written while one client network's share of the campaign's signatures jumped abnormally.</summary>
    NetworkWave,
}

/// <summary>Where a signature came from: the form, or an organiser's import of paper or earlier signatures.</summary>
public enum SignatureSource { Form, Import }

public sealed class Signature
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public Campaign Campaign { get; set; } = null!;
    public SignatureState State { get; set; }
    public SignatoryKind Kind { get; set; }
    public SignatureSource Source { get; set; }
    /// <summary>Language the signer used; their emails are written in it.</summary>
    public required string Language { get; set; }

    // Personal data: all of it is erased on withdrawal.
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    /// <summary>
    /// The address as the signer typed it, encrypted (<see cref="Privacy.AddressProtection"/>). Kept only
    /// while it is needed: until the signer confirms, or for as long as they accept news.
    /// </summary>
    public string? SealedEmail { get; set; }
    /// <summary>
    /// A keyed hash of the address's canonical form: enough to find a signer who types their address
    /// again (de-duplication, self-service, withdrawal), not to read it. Unique per campaign.
    /// </summary>
    public string? EmailKey { get; set; }
    /// <summary>The address's domain (ASCII), for moderators' filters, spam waves and per-domain limits.</summary>
    public string? EmailDomain { get; set; }
    public string? Institution { get; set; }
    public string? ProfessionalStatus { get; set; }
    public string? Discipline { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; }
    /// <summary>For an organisation signing: its name and kind (association, union…); the names above are its representative's.</summary>
    public string? OrganisationName { get; set; }
    public string? OrganisationKind { get; set; }
    /// <summary>Why a moderator holds, rejects or hid it; shown to moderators only.</summary>
    public string? ModerationNote { get; set; }
    /// <summary>Why this signature waits for a moderator once confirmed; null when nothing about it was suspect.</summary>
    public HoldReason? HoldReason { get; set; }
    /// <summary>Name and institution in lower case without accents, for searching the public list.</summary>
    public string? SearchText { get; set; }
    public bool ShowPublicly { get; set; }
    /// <summary>
    /// Whether a public signature is listed without the name, as an anonymous verified member of its
    /// <see cref="VerifiedInstitutionId"/>.
    /// </summary>
    public bool ListedAnonymously { get; set; }
    /// <summary>
    /// The institution whose email domain the signer confirmed from (<see cref="AffiliationInstitution"/>),
    /// set when the signature is confirmed; it stays when the address is reduced to its keyed hash.
    /// No foreign key: SQLite would rebuild the whole signatures table to add one, so removing an
    /// institution clears its marks itself.
    /// </summary>
    public int? VerifiedInstitutionId { get; set; }
    public bool AcceptsNews { get; set; }

    // The consent record: what the signer agreed to, and when (CreatedAt for signing, ConfirmedAt for the proof).
    /// <summary>The version of the campaign's text in the signer's language when they signed; null for imports.</summary>
    public int? TextVersion { get; set; }
    /// <summary>Which wording of the form's consents the signer saw (<see cref="Signing.ConsentWording"/>); null for imports.</summary>
    public string? ConsentVersion { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    /// <summary>Last email sent about this signature; limits how often a form can make us write to one inbox.</summary>
    public DateTime? LastMailAt { get; set; }

    public List<SignatureCommitment> Commitments { get; } = [];
    public List<SignatureFieldValue> FieldValues { get; } = [];
}

public sealed class SignatureCommitment
{
    public long SignatureId { get; set; }
    public int CommitmentId { get; set; }
}

public sealed class SignatureFieldValue
{
    public long SignatureId { get; set; }
    public int CustomFieldId { get; set; }
    public required string Value { get; set; }
}

/// <summary>
/// The secret carried by one email to a signer. It confirms the signature once, before it expires,
/// and it opens the withdrawal page for as long as the signature exists. Only its hash is stored.
/// </summary>
public sealed class ConfirmationToken
{
    public long Id { get; set; }
    public long SignatureId { get; set; }
    public Signature Signature { get; set; } = null!;
    public required byte[] Hash { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
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

internal sealed class SignatureConfiguration : IEntityTypeConfiguration<Signature>
{
    public void Configure(EntityTypeBuilder<Signature> s)
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
    }
}

internal sealed class SignatureCommitmentConfiguration : IEntityTypeConfiguration<SignatureCommitment>
{
    public void Configure(EntityTypeBuilder<SignatureCommitment> sc)
    {
        sc.HasKey(x => new { x.SignatureId, x.CommitmentId });
        sc.HasOne<Commitment>().WithMany().HasForeignKey(x => x.CommitmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SignatureFieldValueConfiguration : IEntityTypeConfiguration<SignatureFieldValue>
{
    public void Configure(EntityTypeBuilder<SignatureFieldValue> v)
    {
        v.HasKey(x => new { x.SignatureId, x.CustomFieldId });
        v.Property(x => x.Value).HasMaxLength(SignerLimits.Institution);
        v.HasOne<CustomField>().WithMany().HasForeignKey(x => x.CustomFieldId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfirmationTokenConfiguration : IEntityTypeConfiguration<ConfirmationToken>
{
    public void Configure(EntityTypeBuilder<ConfirmationToken> t)
    {
        t.HasIndex(x => x.Hash).IsUnique();
        t.Property(x => x.Hash).HasMaxLength(32);
    }
}
