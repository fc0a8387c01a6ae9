using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ralliement.Data;

/// <summary>A collective that publishes campaigns and is the data controller for their signatures.</summary>
public sealed class Organisation
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    /// <summary>
    /// The public contact shown on notices and in signers' emails: filled in on purpose by an owner,
    /// never taken from anyone's sign-in address; a campaign cannot be published until it is set.
    /// </summary>
    public string? ContactEmail { get; set; }
    public string? PostalAddress { get; set; }
    /// <summary>Months after a campaign closes before signers' personal data is erased.</summary>
    public int RetentionMonths { get; set; } = 12;
    /// <summary>Who decides why and how signers' data is processed (GDPR art. 4(7)), as shown on the privacy page.</summary>
    public string? DataController { get; set; }
    /// <summary>Publisher, director of publication and host, as shown on the legal notice page.</summary>
    public string? LegalNotice { get; set; }
    /// <summary>
    /// When a signature sent without the browser's proof of work (JavaScript off, or a script
    /// posting directly) waits for a moderator once confirmed: only during a wave by default.
    /// </summary>
    public UnprovenSignatureRule UnprovenSignatures { get; set; }
    /// <summary>The colour of the public pages' header and buttons, "#rrggbb"; null keeps the default.</summary>
    public string? AccentColour { get; set; }
    /// <summary>IANA time zone in which organisers see and enter times; everything is stored in UTC.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;
    public const string DefaultTimeZone = "Europe/Paris";
    public DateTime CreatedAt { get; set; }
    public List<Campaign> Campaigns { get; } = [];
    public List<Membership> Members { get; } = [];
}

/// <summary>
/// Whether signatures without a proof of work are held for moderation. Without a wave they are as
/// good as any other (every signature still needs its email confirmed, and the public pages promise
/// to work without JavaScript); during one, a proof is what tells a person from a script.
/// </summary>
public enum UnprovenSignatureRule { HoldDuringWaves, HoldAlways }

/// <summary>
/// Owners manage members, settings and may delete the organisation, and do everything else;
/// editors write campaigns and news; moderators handle signatures.
/// </summary>
public enum OrganisationRole { Owner, Editor, Moderator }

public sealed class Membership
{
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public required string OrganiserId { get; set; }
    public Organiser Organiser { get; set; } = null!;
    public OrganisationRole Role { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>An emailed invitation to join an organisation with a role; only the hash of its secret is stored.</summary>
public sealed class Invitation
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public required string Email { get; set; }
    public OrganisationRole Role { get; set; }
    public required byte[] TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public string? InvitedById { get; set; }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> o)
    {
        o.HasIndex(x => x.Slug).IsUnique();
        o.Property(x => x.Slug).HasMaxLength(80);
        o.Property(x => x.Name).HasMaxLength(200);
        o.Property(x => x.ContactEmail).HasMaxLength(254);
        o.Property(x => x.PostalAddress).HasMaxLength(500);
        o.Property(x => x.DataController).HasMaxLength(500);
        o.Property(x => x.LegalNotice).HasMaxLength(4000);
        o.Property(x => x.AccentColour).HasMaxLength(7);
        o.Property(x => x.TimeZone).HasMaxLength(64).HasDefaultValue(Organisation.DefaultTimeZone);
        o.Property(x => x.UnprovenSignatures).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> m)
    {
        m.HasKey(x => new { x.OrganisationId, x.OrganiserId });
        m.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        m.HasOne(x => x.Organisation).WithMany(x => x.Members).HasForeignKey(x => x.OrganisationId);
        m.HasOne(x => x.Organiser).WithMany(x => x.Memberships).HasForeignKey(x => x.OrganiserId);
        m.HasIndex(x => x.OrganiserId);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> i)
    {
        i.Property(x => x.Email).HasMaxLength(SignerLimits.Email);
        i.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        i.Property(x => x.TokenHash).HasMaxLength(32);
        i.HasIndex(x => x.TokenHash).IsUnique();
        i.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId);
    }
}
