using Microsoft.AspNetCore.Identity;

namespace Ralliement.Data;

/// <summary>A person who runs campaigns; an ASP.NET Core Identity account (password, lock-out, optional TOTP).</summary>
public sealed class Organiser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<Membership> Memberships { get; } = [];
}

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

/// <summary>One action of an organiser: who, what, when. Append-only; owners read it.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }
    public string? OrganiserId { get; set; }
    /// <summary>The actor's email at the time, so the log stays readable after an account is deleted.</summary>
    public required string Actor { get; set; }
    /// <summary>A stable name such as <c>campaign.publish</c> or <c>signature.reject</c>.</summary>
    public required string Action { get; set; }
    /// <summary>What was acted on, e.g. <c>campaign:12</c> or <c>signature:4031</c>.</summary>
    public required string Target { get; set; }
    public string? Details { get; set; }
    public DateTime At { get; set; }
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

public sealed class SignatureFieldValue
{
    public long SignatureId { get; set; }
    public int CustomFieldId { get; set; }
    public required string Value { get; set; }
}

/// <summary>A campaign's logo, kept apart so the campaign rows read on every page stay small.</summary>
public sealed class CampaignLogo
{
    /// <summary>A logo shown on every campaign page must stay light.</summary>
    public const int MaxBytes = 200 * 1024;

    public int CampaignId { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum NewsState { Draft, Sending, Sent }

/// <summary>
/// A message to the signers who consented to news, in their language. Sending walks them in
/// signature order and records how far it got in the same transaction as the emails it queues,
/// so it resumes where it stopped.
/// </summary>
public sealed class NewsPost
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public NewsState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTime? SendingStartedAt { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>The last signature id an email was queued for.</summary>
    public long LastSignatureId { get; set; }
    public int RecipientCount { get; set; }
    public List<NewsText> Texts { get; } = [];
}

public sealed class NewsText
{
    public int NewsPostId { get; set; }
    public required string Language { get; set; }
    public required string Subject { get; set; }
    public required string BodyMarkdown { get; set; }
}

/// <summary>A CSV file of signatures read and checked, waiting for the organiser to confirm its import.</summary>
public sealed class SignatureImport
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string FileName { get; set; }
    /// <summary>The rows as read, in JSON, so the import confirmed is exactly the preview shown.</summary>
    public required string RowsJson { get; set; }
    public int RowCount { get; set; }
    public DateTime? ImportedAt { get; set; }
}
