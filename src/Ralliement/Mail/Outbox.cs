using Ralliement.Privacy;

namespace Ralliement.Mail;

/// <summary>
/// Puts emails in the outbox table, inside the caller's unit of work, so an email exists exactly
/// when what caused it was committed. <see cref="SendPendingEmails"/> sends them.
/// </summary>
public sealed class Outbox(TimeProvider clock, AddressProtection addresses)
{
    private readonly SemaphoreSlim _waiting = new(0, 1);

    /// <param name="priority">Who waits for it: the sender takes signers' emails first and news last.</param>
    /// <param name="htmlBody">When given, the email is multipart/alternative: this HTML and the text beside it.</param>
    public void Add(RalliementDb db, string to, string subject, string textBody, OutboxPriority priority, string? htmlBody = null) =>
        Add(db, addresses.Seal(to), subject, textBody, htmlBody, priority, unsubscribeUrl: null);

    /// <summary>News, to an address already sealed as stored for a signer who accepts it.</summary>
    /// <param name="unsubscribeUrl">The one-click unsubscribe address (RFC 8058).</param>
    public void AddNews(RalliementDb db, string sealedTo, string subject, string textBody, string? htmlBody, string unsubscribeUrl) =>
        Add(db, sealedTo, subject, textBody, htmlBody, OutboxPriority.News, unsubscribeUrl);

    private void Add(RalliementDb db, string sealedTo, string subject, string textBody, string? htmlBody, OutboxPriority priority, string? unsubscribeUrl)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage
        {
            To = sealedTo,
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            State = OutboxState.Pending,
            Priority = priority,
            CreatedAt = now,
            NextAttemptAt = now,
            UnsubscribeUrl = unsubscribeUrl,
        });
    }

    /// <summary>Wakes the sender after a commit, so a confirmation email leaves at once rather than at the next poll.</summary>
    public void Notify()
    {
        try
        {
            _waiting.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: the sender will find this message too.
        }
    }

    internal async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _waiting.WaitAsync(timeout, cancellationToken);
}
