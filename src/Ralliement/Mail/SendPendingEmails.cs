using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Ralliement.Data;
using Ralliement.Privacy;

namespace Ralliement.Mail;

/// <summary>Sends the outbox's due emails, retrying failures with exponential back-off.</summary>
public sealed partial class SendPendingEmails(
    IServiceScopeFactory scopes,
    Outbox outbox,
    MailTransport transport,
    AddressProtection addresses,
    TimeProvider clock,
    IOptions<MailOptions> options,
    ILogger<SendPendingEmails> logger) : BackgroundService
{
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SendInBackground)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == BatchSize)
                {
                }
                await outbox.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is DbException or DbUpdateException or InvalidOperationException or IOException)
            {
                LogLoopFailed(logger, exception);
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Sends one batch of due messages; returns how many it found due.</summary>
    /// <remarks>
    /// Several nodes may run this on one database, and any of them may die mid-send. Each message is
    /// first claimed by a conditional update (only one sender sees "1 row affected"), then sent, then
    /// marked sent. A sender that dies between sending and marking leaves its claim to expire, and the
    /// message is sent again with the same Message-Id: the pickup folder overwrites its file, and a
    /// mail server or client can recognise the repeat.
    /// </remarks>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox
            .Where(m => m.State == OutboxState.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            // News (the only mail with an unsubscribe address) goes after every other due email, so a
            // newsletter to thousands never delays a signer's confirmation link.
            .OrderBy(m => m.UnsubscribeUrl != null).ThenBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            var message = await ClaimAsync(db, id, cancellationToken);
            if (message is not null)
            {
                await SendAsync(db, message, cancellationToken);
            }
        }
        return due.Count;
    }

    /// <summary>Takes the message for this sender, or returns null when another holds it or has sent it.</summary>
    private async Task<OutboxMessage?> ClaimAsync(RalliementDb db, long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + options.Value.ClaimDuration;
        var claimed = await db.Outbox
            .Where(m => m.Id == id && m.State == OutboxState.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.ClaimedUntil, until), cancellationToken);
        return claimed == 1
            ? await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken)
            : null;
    }

    private async Task SendAsync(RalliementDb db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var row = db.Outbox.Where(m => m.Id == message.Id);
        try
        {
            await transport.SendAsync(ToMime(message), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var attempts = message.Attempts + 1;
            var error = exception.GetType().Name + ": " + exception.Message;
            error = error.Length > 2000 ? error[..2000] : error;
            var givenUp = attempts >= options.Value.MaxAttempts;
            var state = givenUp ? OutboxState.Failed : OutboxState.Pending;
            var next = givenUp ? message.NextAttemptAt : clock.GetUtcNow().UtcDateTime + BackOff(attempts);
            await row.ExecuteUpdateAsync(m => m
                .SetProperty(x => x.Attempts, attempts)
                .SetProperty(x => x.LastError, error)
                .SetProperty(x => x.State, state)
                .SetProperty(x => x.NextAttemptAt, next)
                .SetProperty(x => x.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            if (givenUp)
            {
                LogGaveUp(logger, message.Id, attempts);
            }
            else
            {
                LogRetry(logger, message.Id, attempts, exception.GetType().Name);
            }
            return;
        }
        // Not cancellable: the message has left, so the row must say so, or it would be sent again.
        var sentAt = clock.GetUtcNow().UtcDateTime;
        await row.ExecuteUpdateAsync(m => m
            .SetProperty(x => x.State, OutboxState.Sent)
            .SetProperty(x => x.SentAt, sentAt)
            // The body holds a signer's link and the address is personal data: once sent, neither is needed.
            .SetProperty(x => x.To, "")
            .SetProperty(x => x.TextBody, "")
            .SetProperty(x => x.HtmlBody, (string?)null)
            .SetProperty(x => x.LastError, (string?)null)
            .SetProperty(x => x.ClaimedUntil, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>30 s, 1 min, 2 min … doubling up to 6 hours between attempts.</summary>
    public static TimeSpan BackOff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempts - 1), TimeSpan.FromHours(6).TotalSeconds));

    private MimeMessage ToMime(OutboxMessage message)
    {
        var from = MailboxAddress.Parse(options.Value.From);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            // Stable per outbox row: a message sent twice after a crash is recognisably the same one.
            MessageId = $"outbox-{message.Id}@{from.Domain}",
            Date = new DateTimeOffset(message.CreatedAt, TimeSpan.Zero),
            Body = new TextPart("plain") { Text = message.TextBody },
        };
        mime.From.Add(from);
        mime.To.Add(new MailboxAddress("", addresses.Open(message.To)));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        if (message.UnsubscribeUrl is { Length: > 0 } unsubscribe)
        {
            // RFC 2369 and RFC 8058: mail clients show an unsubscribe button that posts to this address.
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return mime;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} failed (attempt {Attempts}, {Error}); will retry")]
    private static partial void LogRetry(ILogger logger, long id, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} given up after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, long id, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox sender failed; it will try again")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
