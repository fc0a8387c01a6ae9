using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Ralliement.Data;

namespace Ralliement.Mail;

/// <summary>Sends the outbox's due emails, retrying failures with exponential back-off.</summary>
public sealed partial class SendPendingEmails(
    IServiceScopeFactory scopes,
    Outbox outbox,
    MailTransport transport,
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
            catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or IOException)
            {
                LogLoopFailed(logger, exception);
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Sends one batch of due messages; returns how many it tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox
            .Where(m => m.State == OutboxState.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var message in due)
        {
            try
            {
                await transport.SendAsync(ToMime(message), cancellationToken);
                message.State = OutboxState.Sent;
                message.SentAt = clock.GetUtcNow().UtcDateTime;
                // The body holds a signer's link and the address is personal data: once sent, neither is needed.
                message.To = "";
                message.TextBody = "";
                message.HtmlBody = null;
                message.LastError = null;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                message.Attempts++;
                message.LastError = exception.GetType().Name + ": " + exception.Message;
                if (message.LastError.Length > 2000)
                {
                    message.LastError = message.LastError[..2000];
                }
                if (message.Attempts >= options.Value.MaxAttempts)
                {
                    message.State = OutboxState.Failed;
                    LogGaveUp(logger, message.Id, message.Attempts);
                }
                else
                {
                    message.NextAttemptAt = clock.GetUtcNow().UtcDateTime + BackOff(message.Attempts);
                    LogRetry(logger, message.Id, message.Attempts, exception.GetType().Name);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return due.Count;
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
        mime.To.Add(new MailboxAddress("", message.To));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        return mime;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} failed (attempt {Attempts}, {Error}); will retry")]
    private static partial void LogRetry(ILogger logger, long id, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} given up after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, long id, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox sender failed; it will try again")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
