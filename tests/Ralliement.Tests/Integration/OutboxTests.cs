using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Mail;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

[BothDatabases]
public sealed class OutboxTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public OutboxTests()
    {
        // These tests run the sender's steps themselves.
        _app.Settings["Mail:SendInBackground"] = "false";
    }

    public void Dispose() => _app.Dispose();

    private async Task<long> QueueAsync(string to)
    {
        return await _app.WithDbAsync(async db =>
        {
            var outbox = _app.Services.GetRequiredService<Outbox>();
            outbox.Add(db, to, "Subject", "Body", OutboxPriority.Signer);
            await db.SaveChangesAsync();
            return await db.Outbox.MaxAsync(m => m.Id);
        });
    }

    private Task<OutboxMessage> MessageAsync(long id) => _app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));

    private SendPendingEmails Sender(MailTransport transport) => ActivatorUtilities.CreateInstance<SendPendingEmails>(_app.Services, transport);

    [Fact]
    public async Task A_failed_email_is_retried_later_with_growing_delays_and_sent_once_the_server_is_back()
    {
        _ = _app.Address;
        var id = await QueueAsync("retry@example.org");
        var transport = new FlakyTransport { Down = true };
        var sender = Sender(transport);

        await sender.SendDueAsync(CancellationToken.None);
        var first = await MessageAsync(id);
        Assert.Equal(OutboxState.Pending, first.State);
        Assert.Equal(1, first.Attempts);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(30), first.NextAttemptAt);

        // Not due yet: nothing is tried.
        await sender.SendDueAsync(CancellationToken.None);
        Assert.Equal(1, transport.Tries);

        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        await sender.SendDueAsync(CancellationToken.None);
        var second = await MessageAsync(id);
        Assert.Equal(2, second.Attempts);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1), second.NextAttemptAt);

        transport.Down = false;
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await sender.SendDueAsync(CancellationToken.None);
        await sender.SendDueAsync(CancellationToken.None);

        var sent = await MessageAsync(id);
        Assert.Equal(OutboxState.Sent, sent.State);
        Assert.Single(transport.Delivered);
        Assert.Equal($"outbox-{id}@localhost", transport.Delivered[0].MessageId);
        Assert.Equal("", sent.To);
        Assert.Equal("", sent.TextBody);
    }

    [Fact]
    public async Task An_email_that_keeps_failing_is_given_up_after_the_configured_attempts()
    {
        _ = _app.Address;
        var id = await QueueAsync("never@example.org");
        var sender = Sender(new FlakyTransport { Down = true });

        for (var i = 0; i < 12; i++)
        {
            await sender.SendDueAsync(CancellationToken.None);
            _app.Clock.Advance(TimeSpan.FromHours(7));
        }

        var message = await MessageAsync(id);
        Assert.Equal(OutboxState.Failed, message.State);
        Assert.Equal(12, message.Attempts);
        Assert.Contains("SMTP server down", message.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(5, 480)]
    [InlineData(30, 6 * 3600)]
    public void The_back_off_doubles_up_to_six_hours(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SendPendingEmails.BackOff(attempts));

    private sealed class FlakyTransport : MailTransport
    {
        public bool Down { get; set; }
        public int Tries { get; private set; }
        public List<MimeKit.MimeMessage> Delivered { get; } = [];

        public override Task SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken)
        {
            Tries++;
            if (Down)
            {
                throw new IOException("SMTP server down");
            }
            Delivered.Add(message);
            return Task.CompletedTask;
        }
    }
}
