using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ralliement.Data;

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

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> m)
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
    }
}
