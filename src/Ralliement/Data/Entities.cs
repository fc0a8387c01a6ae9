namespace Ralliement.Data;

/// <summary>A collective that publishes campaigns and is the data controller for their signatures.</summary>
public sealed class Organisation
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public required string ContactEmail { get; set; }
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

/// <summary>
/// A proof-of-work solution already used by a signature, under its challenge's random part, so each
/// is spent once across every node; forgotten once the challenge has expired and could not be sent again.
/// </summary>
public sealed class SpentProof
{
    public Guid Id { get; set; }
    public DateTime ExpiresAt { get; set; }
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

public enum OutboxState { Pending, Sent, Failed }

/// <summary>
/// Which waiting emails leave first, stored as a number so the claim can order by it: a signer who
/// has just signed waits for a link on the page, an organiser can wait a few seconds, news can wait.
/// </summary>
public enum OutboxPriority
{
    /// <summary>A confirmation link, an "already signed" notice, a link to one's own signature.</summary>
    Signer = 0,

    /// <summary>Invitations, password resets, notices to organisers and moderators.</summary>
    Organiser = 1,

    /// <summary>News to the signers who asked for it: thousands at once, after everything else.</summary>
    News = 2,
}

/// <summary>An email waiting to be sent; written in the same transaction as what caused it, so none is lost.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    /// <summary>The recipient, encrypted like signers' addresses; emptied once sent.</summary>
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public OutboxState State { get; set; }
    public OutboxPriority Priority { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>Until when one sender holds this message; another node or a restarted one may take it only after.</summary>
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>
    /// For news: the one-click unsubscribe address, sent as <c>List-Unsubscribe</c> with
    /// <c>List-Unsubscribe-Post</c> (RFC 8058).
    /// </summary>
    public string? UnsubscribeUrl { get; set; }
}
