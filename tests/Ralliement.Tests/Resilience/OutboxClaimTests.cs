using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Ralliement.Data;
using Ralliement.Mail;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Resilience;

[BothDatabases]
public sealed class OutboxClaimTests : IDisposable
{
    private const int Emails = 40;
    private readonly RalliementApp _app = new();

    public OutboxClaimTests()
    {
        // The tests play the senders of several nodes themselves.
        _app.Settings["Mail:SendInBackground"] = "false";
    }

    public void Dispose() => _app.Dispose();

    private async Task<List<long>> QueueAsync(int count) => await _app.WithDbAsync(async db =>
    {
        var outbox = _app.Services.GetRequiredService<Outbox>();
        for (var i = 0; i < count; i++)
        {
            outbox.Add(db, $"claim{i}@example.org", "Subject", "Body", OutboxPriority.Signer);
        }
        await db.SaveChangesAsync();
        return await db.Outbox.Select(m => m.Id).ToListAsync();
    });

    private SendPendingEmails Node(MailTransport transport) => ActivatorUtilities.CreateInstance<SendPendingEmails>(_app.Services, transport);

    [Fact]
    public async Task Two_nodes_sending_from_one_database_send_each_email_once()
    {
        _ = _app.Address;
        var ids = await QueueAsync(Emails);
        var delivered = new ConcurrentBag<MimeMessage>();
        var nodes = new[] { Node(new SlowTransport(delivered)), Node(new SlowTransport(delivered)) };

        await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            while (await node.SendDueAsync(CancellationToken.None) > 0)
            {
            }
        })));

        Assert.Equal(ids.Select(id => $"outbox-{id}@localhost").Order(), delivered.Select(m => m.MessageId).Order());
        Assert.All(await _app.WithDbAsync(db => db.Outbox.AsNoTracking().ToListAsync()), m =>
        {
            Assert.Equal(OutboxState.Sent, m.State);
            Assert.Null(m.ClaimedUntil);
        });
    }

    [Fact]
    public async Task An_email_held_by_a_node_that_died_is_sent_once_its_claim_expires()
    {
        _ = _app.Address;
        var id = (await QueueAsync(1)).Single();
        var claim = _app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(5);
        await _app.WithDbAsync(db => db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(m => m.SetProperty(x => x.ClaimedUntil, claim)));
        var delivered = new ConcurrentBag<MimeMessage>();
        var survivor = Node(new SlowTransport(delivered));

        await survivor.SendDueAsync(CancellationToken.None);
        Assert.Empty(delivered);

        _app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await survivor.SendDueAsync(CancellationToken.None);
        await survivor.SendDueAsync(CancellationToken.None);
        Assert.Equal($"outbox-{id}@localhost", Assert.Single(delivered).MessageId);
    }

    /// <summary>Takes a few milliseconds per email, so that two nodes really overlap.</summary>
    private sealed class SlowTransport(ConcurrentBag<MimeMessage> delivered) : MailTransport
    {
        public override async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            await Task.Delay(5, cancellationToken);
            delivered.Add(message);
        }
    }
}
