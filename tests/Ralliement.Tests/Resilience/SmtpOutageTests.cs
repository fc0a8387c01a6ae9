using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Resilience;

[Slow]
[BothDatabases]
public sealed class SmtpOutageTests : IDisposable
{
    private const int Signers = 6;
    private readonly SmtpServer _smtp = new(listening: false);
    private readonly RalliementApp _app = new();

    public SmtpOutageTests()
    {
        _app.Settings["Mail:Smtp:Host"] = "127.0.0.1";
        _app.Settings["Mail:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.Settings["Mail:Smtp:Security"] = "None";
    }

    public void Dispose()
    {
        _app.Dispose();
        _smtp.Dispose();
    }

    private Task<List<OutboxMessage>> OutboxAsync() => _app.WithDbAsync(db => db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    private async Task WaitUntilAsync(Func<List<OutboxMessage>, bool> condition, string what)
    {
        for (var i = 0; i < 150; i++)
        {
            if (condition(await OutboxAsync()))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The outbox never reached this state in 15 seconds: {what}.");
    }

    [Fact]
    public async Task Emails_queued_while_the_mail_server_is_down_are_each_delivered_exactly_once_when_it_returns()
    {
        var addresses = Enumerable.Range(0, Signers).Select(i => RalliementApp.UniqueEmail($"outage{i}")).ToList();
        await Task.WhenAll(addresses.Select(async a => Assert.Equal(System.Net.HttpStatusCode.SeeOther, (await _app.SignAsync(RalliementApp.Form(a))).StatusCode)));

        // The server is down: every email fails once, then again at its first retry.
        await WaitUntilAsync(o => o.Count == Signers && o.All(m => m.Attempts == 1), "each email failed once");
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(o => o.All(m => m.Attempts == 2), "each email failed twice");
        Assert.All(await OutboxAsync(), m => Assert.Equal(OutboxState.Pending, m.State));
        Assert.Empty(_smtp.Received());

        _smtp.Start();
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(o => o.All(m => m.State == OutboxState.Sent), "every email sent");

        // Later polls and later retry times must not send anything again.
        _app.Clock.Advance(TimeSpan.FromHours(7));
        var marker = await _app.WaitForQueuedEmailsAsync();

        var outbox = (await OutboxAsync()).Where(m => m.Id != marker).ToList();
        var received = _smtp.Received().Where(m => m.MessageId != $"outbox-{marker}@localhost").ToList();
        var expected = outbox.Select(m => $"outbox-{m.Id}@localhost").Order().ToList();
        Assert.Equal(expected, received.Select(m => m.MessageId ?? "").Order().ToList());
        Assert.Equal(addresses.Order(), received.Select(m => m.To.Mailboxes.Single().Address).Order());
        // Two failed attempts each, and the success is not counted as a third.
        Assert.All(outbox, m => Assert.Equal(2, m.Attempts));
    }
}
