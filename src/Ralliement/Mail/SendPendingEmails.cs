using System.Collections.Concurrent;
using System.Data.Common;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Ralliement.Metrics;
using Ralliement.Privacy;

namespace Ralliement.Mail;

/// <summary>
/// Sends the outbox's due emails over every connection of the transport, signers' first and news
/// last, retrying failures with exponential back-off.
/// </summary>
public sealed partial class SendPendingEmails(
    IServiceScopeFactory scopes,
    Outbox outbox,
    MailTransport transport,
    MailPace pace,
    AddressProtection addresses,
    TimeProvider clock,
    IOptions<MailOptions> options,
    ILogger<SendPendingEmails> logger,
    RalliementMetrics metrics) : BackgroundService
{
    /// <summary>
    /// Emails claimed for each connection at a time: enough that claims and marks cost little beside
    /// the sending, few enough that a signer's confirmation queued meanwhile waits behind at most
    /// this many emails on each connection, and that another node finds work while this one is busy.
    /// </summary>
    private const int ClaimPerConnection = 10;

    /// <summary>Shorter than the idle timeout of common servers (Postfix: 300 s), so we close before they do.</summary>
    private static readonly TimeSpan IdleConnection = TimeSpan.FromSeconds(30);

    private readonly Lock _backlogLock = new();
    private DateTime _nextBacklogLook = DateTime.MinValue;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

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
                await SendDueAsync(stoppingToken);
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await WatchBacklogAsync(scope.ServiceProvider.GetRequiredService<RalliementDb>(), stoppingToken);
                }
                await transport.CloseIdleAsync(Now - IdleConnection, stoppingToken);
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

    /// <summary>Sends until nothing is due or the server asked to pause; returns how many emails were claimed.</summary>
    /// <remarks>
    /// Several nodes may run this on one database, and any of them may die mid-send. Each group of
    /// emails is claimed by one statement (no two senders get the same row), sent, then marked sent
    /// in one statement. A sender that dies before marking leaves its claim to expire, and those
    /// emails are sent again with the same Message-Id: the pickup folder overwrites its file, and a
    /// mail server or client can recognise the repeat.
    /// </remarks>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        var next = pace.PausedUntil is null ? await ClaimAsync(cancellationToken) : null;
        while (next is { Emails.Count: > 0 } group)
        {
            sent += group.Emails.Count;
            // The next group is claimed while this one is on its way: the database's round trips (and
            // SQLite's fsync) overlap the sending instead of leaving every connection idle meanwhile.
            var following = pace.PausedUntil is null && !cancellationToken.IsCancellationRequested ? ClaimAsync(cancellationToken) : null;
            try
            {
                await SendClaimedAsync(group.Db, group.Emails, group.ClaimedAt, cancellationToken);
                await WatchBacklogAsync(group.Db, cancellationToken);
            }
            catch when (following is not null)
            {
                await GiveBackAsync(following);
                throw;
            }
            finally
            {
                await group.Scope.DisposeAsync();
            }
            next = following is null ? null : await following;
        }
        if (next is not null)
        {
            await next.Scope.DisposeAsync();
        }
        return sent;
    }

    /// <summary>A group of emails held by this sender, with the unit of work that sends and marks it.</summary>
    private sealed record ClaimedGroup(AsyncServiceScope Scope, RalliementDb Db, List<OutboxMessage> Emails, DateTime ClaimedAt);

    /// <summary>Gives a claimed group back untouched, so its emails need not wait for the claim to expire.</summary>
    private async Task GiveBackAsync(Task<ClaimedGroup> claiming)
    {
        try
        {
            var group = await claiming;
            await using (group.Scope)
            {
                await group.Db.ReleaseEmailsAsync([.. group.Emails.Select(m => m.Id)], Now);
            }
        }
        catch (Exception exception) when (exception is DbException or DbUpdateException or InvalidOperationException or OperationCanceledException)
        {
            // Then the claim expires: these emails go after ClaimDuration, nothing is lost.
        }
    }

    private async Task<ClaimedGroup> ClaimAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
            var claimedAt = Now;
            var emails = await db.ClaimDueEmailsAsync(
                ClaimPerConnection * transport.Connections, claimedAt, claimedAt + options.Value.ClaimDuration, cancellationToken);
            return new ClaimedGroup(scope, db, emails, claimedAt);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends a claimed group over every connection at once, then marks what left in one statement.</summary>
    private async Task SendClaimedAsync(RalliementDb db, List<OutboxMessage> batch, DateTime claimedAt, CancellationToken cancellationToken)
    {
        var started = new ConcurrentDictionary<long, bool>();
        var sent = new ConcurrentBag<long>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = transport.Connections, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(batch, parallel, async (message, token) =>
            {
                // Past half the claim another node may soon take these emails: they go back rather than race it.
                if (Now - claimedAt > options.Value.ClaimDuration / 2 || pace.PausedUntil is not null)
                {
                    return;
                }
                await pace.WaitTurnAsync(token);
                started[message.Id] = true;
                try
                {
                    await transport.SendAsync(ToMime(message), token);
                }
                catch (Exception exception) when (!token.IsCancellationRequested)
                {
                    await RecordFailureAsync(message, exception);
                    return;
                }
                sent.Add(message.Id);
                metrics.EmailSent(RalliementMetrics.EmailResult.Sent);
                pace.Sent();
            });
        }
        finally
        {
            if (!sent.IsEmpty)
            {
                await db.MarkEmailsSentAsync([.. sent], Now);
            }
            // An email cut off while on its way stays claimed: it may have left, so it waits for its claim to expire.
            var untouched = batch.Where(m => !started.ContainsKey(m.Id)).Select(m => m.Id).ToList();
            if (untouched.Count > 0)
            {
                await db.ReleaseEmailsAsync(untouched, pace.PausedUntil ?? Now);
            }
        }
    }

    private async Task RecordFailureAsync(OutboxMessage message, Exception exception)
    {
        // Its own context: the other connections' emails are in flight on the batch's.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        if (exception is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable or SmtpStatusCode.ErrorInProcessing })
        {
            // 421 and 451 speak of the server's load, not of this email: it waits without losing an attempt.
            await db.ReleaseEmailsAsync([message.Id], pace.Throttled());
            metrics.EmailSent(RalliementMetrics.EmailResult.Deferred);
            return;
        }
        var attempts = message.Attempts + 1;
        var error = exception.GetType().Name + ": " + exception.Message;
        error = error.Length > 2000 ? error[..2000] : error;
        // A 5xx to this email's recipient or content is the server's final word on it (no such mailbox,
        // refused content): another try would get the same. A 5xx to the greeting or to our sender
        // address is about the site, not this email, and keeps the ordinary retries.
        var refused = exception is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } command
            && (int)command.StatusCode >= 500;
        var givenUp = refused || attempts >= options.Value.MaxAttempts;
        var state = givenUp ? OutboxState.Failed : OutboxState.Pending;
        var next = givenUp ? message.NextAttemptAt : Now + BackOff(attempts);
        await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.Attempts, attempts)
            .SetProperty(x => x.LastError, error)
            .SetProperty(x => x.State, state)
            .SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.ClaimedUntil, (DateTime?)null), CancellationToken.None);
        metrics.EmailSent(refused ? RalliementMetrics.EmailResult.Refused : givenUp ? RalliementMetrics.EmailResult.GivenUp : RalliementMetrics.EmailResult.Retry);
        if (refused)
        {
            LogRefused(logger, message.Id, (int)((SmtpCommandException)exception).StatusCode);
        }
        else if (givenUp)
        {
            LogGaveUp(logger, message.Id, attempts);
        }
        else
        {
            LogRetry(logger, message.Id, attempts, exception.GetType().Name);
        }
    }

    /// <summary>While the oldest waiting email is late, says so once a minute: counts and ages only.</summary>
    private async Task WatchBacklogAsync(RalliementDb db, CancellationToken cancellationToken)
    {
        var now = Now;
        lock (_backlogLock)
        {
            if (now < _nextBacklogLook)
            {
                return;
            }
            _nextBacklogLook = now + OutboxBacklog.Late;
        }
        var backlog = await OutboxBacklog.ReadAsync(db, now, cancellationToken);
        if (backlog.IsLate)
        {
            LogLate(logger, backlog.Waiting, (int)backlog.OldestAge.TotalSeconds);
        }
    }

    /// <summary>30 s, 1 min, 2 min … doubling up to 6 hours between attempts.</summary>
    public static TimeSpan BackOff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempts - 1), TimeSpan.FromHours(6).TotalSeconds));

    private MimeMessage ToMime(OutboxMessage message)
    {
        // Parsed for each email: an address added to a message's list is subscribed to by it, so one
        // instance shared by every email would keep them all alive.
        var from = MailboxAddress.Parse(options.Value.From);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            // Stable per outbox row: a message sent twice after a crash is recognisably the same one.
            MessageId = $"outbox-{message.Id}@{from.Domain}",
            Date = new DateTimeOffset(message.CreatedAt, TimeSpan.Zero),
            Body = BodyOf(message),
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

    private static MimeEntity BodyOf(OutboxMessage message)
    {
        var text = new TextPart("plain") { Text = message.TextBody };
        if (message.HtmlBody is not { Length: > 0 } html)
        {
            return text;
        }
        // Plain text first: RFC 2046 puts the simplest part first and clients show the last one they can.
        // Quoted-printable because a rendered paragraph is one line, often longer than SMTP's 998 octets.
        return new MultipartAlternative
        {
            text,
            new TextPart("html") { Text = html, ContentTransferEncoding = ContentEncoding.QuotedPrintable },
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} failed (attempt {Attempts}, {Error}); will retry")]
    private static partial void LogRetry(ILogger logger, long id, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} refused by the mail server ({Status}); not retried")]
    private static partial void LogRefused(ILogger logger, long id, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Waiting} emails wait to be sent; the oldest has waited {Seconds} s")]
    private static partial void LogLate(ILogger logger, int waiting, int seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} given up after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, long id, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox sender failed; it will try again")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
