using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Mail;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.ScaleOut;

/// <summary>Two app nodes on one PostgreSQL database share one backlog of emails, each through its own mail server.</summary>
[BothDatabases]
public sealed class TwoNodesMailTests : IDisposable
{
    private const int Emails = 300;
    private readonly string _database = $"ralliement_test_mail_{Guid.NewGuid():N}";
    private readonly SmtpServer _firstServer = new(script: "latency=0.002");
    private readonly SmtpServer _secondServer = new(script: "latency=0.002");
    private readonly RalliementApp _first;
    private readonly RalliementApp _second;

    public TwoNodesMailTests()
    {
        _first = Node(_firstServer);
        _second = Node(_secondServer);
    }

    private RalliementApp Node(SmtpServer smtp)
    {
        var node = new RalliementApp().NodeOf(_database);
        node.Settings["Mail:Smtp:Host"] = "127.0.0.1";
        node.Settings["Mail:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        node.Settings["Mail:Smtp:Security"] = "None";
        // The test starts both senders at once itself.
        node.Settings["Mail:SendInBackground"] = "false";
        return node;
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        if (TestDatabase.IsPostgres)
        {
            TestDatabase.DropPostgres(_database);
        }
        _firstServer.Dispose();
        _secondServer.Dispose();
    }

    private static IEnumerable<string> Delivered(SmtpServer smtp) =>
        smtp.Log().Where(l => l.StartsWith("DATA ", StringComparison.Ordinal)).Select(l => l[5..]);

    [PostgresFact]
    public async Task Two_nodes_sending_one_backlog_both_send_and_no_email_goes_twice()
    {
        await Task.WhenAll(Task.Run(() => _first.Address), Task.Run(() => _second.Address));
        var ids = await _first.WithDbAsync(async db =>
        {
            var outbox = _first.Services.GetRequiredService<Outbox>();
            for (var i = 0; i < Emails; i++)
            {
                outbox.Add(db, $"backlog{i}@example.org", "Subject", "Body", OutboxPriority.Signer);
            }
            await db.SaveChangesAsync();
            return await db.Outbox.Select(m => m.Id).ToListAsync();
        });

        await Task.WhenAll(new[] { _first, _second }.Select(node => Task.Run(() =>
            node.Services.GetRequiredService<SendPendingEmails>().SendDueAsync(CancellationToken.None))));

        var first = Delivered(_firstServer).ToList();
        var second = Delivered(_secondServer).ToList();
        Assert.Equal(ids.Select(id => $"<outbox-{id}@localhost>").Order(), first.Concat(second).Order());
        Assert.NotEmpty(first);
        Assert.NotEmpty(second);
        Assert.Equal(Emails, await _second.WithDbAsync(db => db.Outbox.CountAsync(m => m.State == OutboxState.Sent && m.ClaimedUntil == null)));
    }
}
