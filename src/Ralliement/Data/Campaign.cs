using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ralliement.Data;

public enum CampaignKind { Manifesto, OpenLetter, Petition, Charter }

public enum CampaignState { Draft, Open, Closed, Archived }

/// <summary>Whether the signing form shows an optional signer field, and whether it must be filled.</summary>
public enum FieldRule { Hidden, Optional, Required }

public sealed class Campaign
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public required string Slug { get; set; }
    public CampaignKind Kind { get; set; }
    public CampaignState State { get; set; }
    public required string DefaultLanguage { get; set; }
    public DateTime? OpensAt { get; set; }
    public DateTime? ClosesAt { get; set; }
    public int? Goal { get; set; }
    /// <summary>The milestone announced once the goal is reached; null when the organisers set none.</summary>
    public int? NextGoal { get; set; }
    /// <summary>Confirmed signatures, kept up to date in the same transaction as each confirmation or withdrawal.</summary>
    public int SignatureCount { get; set; }
    public FieldRule Institution { get; set; } = FieldRule.Optional;
    public FieldRule ProfessionalStatus { get; set; } = FieldRule.Optional;
    public FieldRule Discipline { get; set; } = FieldRule.Optional;
    public FieldRule City { get; set; } = FieldRule.Hidden;
    public FieldRule Country { get; set; } = FieldRule.Hidden;
    /// <summary>Whether organisations may sign as such, through a representative; they are listed apart.</summary>
    public bool AcceptsOrganisations { get; set; }
    /// <summary>Whether every confirmed signature waits for a moderator before it counts and shows.</summary>
    public bool HoldsSignaturesForReview { get; set; }
    /// <summary>Whether the display kit offers badges with the live count; the fixed "signed" badge is always offered.</summary>
    public bool KitShowsLiveCount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime? ArchivedAt { get; set; }
    /// <summary>When the retention period after closing ended and signers' personal data was erased; only counts remain.</summary>
    public DateTime? PersonalDataPurgedAt { get; set; }
    public List<CampaignText> Texts { get; } = [];
    public List<Commitment> Commitments { get; } = [];
    public List<CustomField> CustomFields { get; } = [];

    public bool AcceptsSignaturesAt(DateTime now) =>
        State == CampaignState.Open && (OpensAt is null || OpensAt <= now) && (ClosesAt is null || now < ClosesAt);
}

/// <summary>The text of a campaign in one language; the HTML is rendered and sanitised once, when the text is saved.</summary>
public sealed class CampaignText
{
    public int CampaignId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public required string BodyMarkdown { get; set; }
    public required string BodyHtml { get; set; }
    /// <summary>1 for the text as first published; each amendment after publication adds one and keeps the previous in <see cref="CampaignTextVersion"/>.</summary>
    public int Version { get; set; } = 1;
    /// <summary>When the published text last changed; shown on the page with <see cref="AmendmentNote"/>.</summary>
    public DateTime? AmendedAt { get; set; }
    public string? AmendmentNote { get; set; }
    /// <summary>The display kit's badge label and short title in this language; null when the organisers set none.</summary>
    public string? ShortTitle { get; set; }
    /// <summary>The display kit's sentence in this language, for shared posts and emails; null when the organisers set none.</summary>
    public string? KitMessage { get; set; }
}

/// <summary>A published text as it was before an amendment: signers signed a given text.</summary>
public sealed class CampaignTextVersion
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public required string Language { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public required string BodyMarkdown { get; set; }
    public required string BodyHtml { get; set; }
    /// <summary>When this version stopped being the published one.</summary>
    public DateTime ReplacedAt { get; set; }
}

public sealed class Commitment
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public int Position { get; set; }
    public List<CommitmentLabel> Labels { get; } = [];
}

public sealed class CommitmentLabel
{
    public int CommitmentId { get; set; }
    public required string Language { get; set; }
    public required string Text { get; set; }
}

/// <summary>A signer field a campaign adds to the built-in ones (e.g. "Laboratory").</summary>
public sealed class CustomField
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public int Position { get; set; }
    public FieldRule Rule { get; set; } = FieldRule.Optional;
    /// <summary>Whether its value shows on the public list next to the name.</summary>
    public bool ShownPublicly { get; set; }
    public List<CustomFieldLabel> Labels { get; } = [];
}

public sealed class CustomFieldLabel
{
    public int CustomFieldId { get; set; }
    public required string Language { get; set; }
    public required string Text { get; set; }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> c)
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
    }
}

internal sealed class CampaignTextConfiguration : IEntityTypeConfiguration<CampaignText>
{
    public void Configure(EntityTypeBuilder<CampaignText> t)
    {
        t.HasKey(x => new { x.CampaignId, x.Language });
        t.Property(x => x.Language).HasMaxLength(8);
        t.Property(x => x.Title).HasMaxLength(CampaignLimits.Title);
        t.Property(x => x.Summary).HasMaxLength(CampaignLimits.Summary);
        t.Property(x => x.BodyMarkdown).HasMaxLength(200_000);
        t.Property(x => x.BodyHtml).HasMaxLength(400_000);
        t.Property(x => x.AmendmentNote).HasMaxLength(CampaignLimits.AmendmentNote);
        t.Property(x => x.ShortTitle).HasMaxLength(CampaignLimits.ShortTitle);
        t.Property(x => x.KitMessage).HasMaxLength(CampaignLimits.KitMessage);
    }
}

internal sealed class CampaignTextVersionConfiguration : IEntityTypeConfiguration<CampaignTextVersion>
{
    public void Configure(EntityTypeBuilder<CampaignTextVersion> v)
    {
        v.Property(x => x.Language).HasMaxLength(8);
        v.Property(x => x.Title).HasMaxLength(CampaignLimits.Title);
        v.Property(x => x.Summary).HasMaxLength(CampaignLimits.Summary);
        v.Property(x => x.BodyMarkdown).HasMaxLength(200_000);
        v.Property(x => x.BodyHtml).HasMaxLength(400_000);
        v.HasIndex(x => new { x.CampaignId, x.Language, x.Version }).IsUnique();
        v.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId);
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> c) =>
        c.HasMany(x => x.Labels).WithOne().HasForeignKey(x => x.CommitmentId);
}

internal sealed class CommitmentLabelConfiguration : IEntityTypeConfiguration<CommitmentLabel>
{
    public void Configure(EntityTypeBuilder<CommitmentLabel> l)
    {
        l.HasKey(x => new { x.CommitmentId, x.Language });
        l.Property(x => x.Language).HasMaxLength(8);
        l.Property(x => x.Text).HasMaxLength(CampaignLimits.CommitmentLabel);
    }
}

internal sealed class CustomFieldConfiguration : IEntityTypeConfiguration<CustomField>
{
    public void Configure(EntityTypeBuilder<CustomField> f)
    {
        f.Property(x => x.Rule).HasConversion<string>().HasMaxLength(20);
        f.HasMany(x => x.Labels).WithOne().HasForeignKey(x => x.CustomFieldId);
    }
}

internal sealed class CustomFieldLabelConfiguration : IEntityTypeConfiguration<CustomFieldLabel>
{
    public void Configure(EntityTypeBuilder<CustomFieldLabel> l)
    {
        l.HasKey(x => new { x.CustomFieldId, x.Language });
        l.Property(x => x.Language).HasMaxLength(8);
        l.Property(x => x.Text).HasMaxLength(CampaignLimits.FieldLabel);
    }
}
