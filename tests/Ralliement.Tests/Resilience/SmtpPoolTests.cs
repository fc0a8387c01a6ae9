using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Mail;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Resilience;

/// <summary>The pooled sender against real SMTP servers on 127.0.0.1 that are slow, throttle, refuse or cut connections.</summary>
public sealed class SmtpPoolTests : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }

    private SmtpServer Server(string script)
    {
        var server = new SmtpServer(script: script);
        _owned.Add(server);
        return server;
    }

    private RalliementApp App(SmtpServer smtp, int connections = 4, int perConnection = 100, bool inBackground = false, int? maxPerSecond = null)
    {
        var app = new RalliementApp();
        _owned.Add(app);
        app.Settings["Mail:Smtp:Host"] = "127.0.0.1";
        app.Settings["Mail:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        app.Settings["Mail:Smtp:Security"] = "None";
        app.Settings["Mail:Smtp:Connections"] = connections.ToString(CultureInfo.InvariantCulture);
        app.Settings["Mail:Smtp:MessagesPerConnection"] = perConnection.ToString(CultureInfo.InvariantCulture);
        // Most tests run the sender themselves, to know when it has finished.
        app.Settings["Mail:SendInBackground"] = inBackground ? "true" : "false";
        app.Settings["Mail:Smtp:MaxPerSecond"] = maxPerSecond?.ToString(CultureInfo.InvariantCulture);
        _ = app.Address;
        return app;
    }

    private static async Task<List<long>> QueueAsync(RalliementApp app, int count, string name = "pool") => await app.WithDbAsync(async db =>
    {
        var outbox = app.Services.GetRequiredService<Outbox>();
        for (var i = 0; i < count; i++)
        {
            outbox.Add(db, $"{name}{i}@example.org", "Subject", "Body", OutboxPriority.Signer);
        }
        await db.SaveChangesAsync();
        return await db.Outbox.OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
    });

    private static Task<int> SendAsync(RalliementApp app) =>
        app.Services.GetRequiredService<SendPendingEmails>().SendDueAsync(CancellationToken.None);

    private static Task<List<OutboxMessage>> OutboxAsync(RalliementApp app) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>The server received each of these emails exactly once, and each row says it was sent.</summary>
    private static async Task AssertEachArrivedOnceAsync(RalliementApp app, SmtpServer smtp, IEnumerable<long> ids)
    {
        var expected = ids.Select(id => $"<outbox-{id}@localhost>").Order().ToList();
        Assert.Equal(expected, smtp.Log().Where(l => l.StartsWith("DATA ", StringComparison.Ordinal)).Select(l => l[5..]).Order());
        Assert.Equal(expected.Count, smtp.Received().Count);
        Assert.All(await OutboxAsync(app), m => Assert.Equal(OutboxState.Sent, m.State));
    }

    private static int Count(SmtpServer smtp, string line) => smtp.Log().Count(l => l == line);

    [Fact]
    public async Task Many_emails_share_a_few_open_connections_and_each_arrives_once()
    {
        var smtp = Server("");
        var app = App(smtp);
        var ids = await QueueAsync(app, 60);

        await SendAsync(app);

        await AssertEachArrivedOnceAsync(app, smtp, ids);
        Assert.InRange(Count(smtp, "EHLO"), 1, 4);
    }

    [Fact]
    public async Task A_connection_cut_during_an_email_is_reopened_and_the_email_arrives_once_without_a_failed_attempt()
    {
        var smtp = Server("drop_once=3");
        var app = App(smtp, connections: 2);
        var ids = await QueueAsync(app, 10);

        await SendAsync(app);

        Assert.Equal(1, Count(smtp, "DROP"));
        await AssertEachArrivedOnceAsync(app, smtp, ids);
        Assert.All(await OutboxAsync(app), m => Assert.Equal(0, m.Attempts));
        Assert.InRange(Count(smtp, "EHLO"), 2, 3);
    }

    [Fact]
    public async Task Connections_are_renewed_after_the_configured_number_of_emails_before_the_server_refuses_more()
    {
        var smtp = Server("close_after=5");
        var app = App(smtp, connections: 2, perConnection: 5);
        var ids = await QueueAsync(app, 20);

        await SendAsync(app);

        await AssertEachArrivedOnceAsync(app, smtp, ids);
        Assert.Equal(0, Count(smtp, "421"));
        Assert.InRange(Count(smtp, "EHLO"), 4, 6);
    }

    [BothDatabases]
    [Fact]
    public async Task A_server_that_closes_after_too_many_emails_pauses_the_sender_and_fails_none()
    {
        var smtp = Server("close_after=3");
        var app = App(smtp, connections: 1);
        var ids = await QueueAsync(app, 6);

        await SendAsync(app);

        Assert.Equal(1, Count(smtp, "421"));
        Assert.Equal(3, smtp.Received().Count);
        Assert.All((await OutboxAsync(app)).Where(m => m.State != OutboxState.Sent), m =>
        {
            Assert.Equal(OutboxState.Pending, m.State);
            Assert.Equal(0, m.Attempts);
        });

        app.Clock.Advance(MailPace.Recovery + TimeSpan.FromSeconds(1));
        await SendAsync(app);

        await AssertEachArrivedOnceAsync(app, smtp, ids);
        Assert.Single(app.Log.From("Ralliement.Mail"), m => m.Contains("throttling", StringComparison.Ordinal));
    }

    [BothDatabases]
    [Fact]
    public async Task A_throttling_server_slows_the_pool_instead_of_failing_messages()
    {
        var smtp = Server("throttle=2");
        var app = App(smtp);
        var ids = await QueueAsync(app, 12);

        await SendAsync(app);

        // The pool paused at the first 451 rather than trying every email against a busy server.
        Assert.Equal(2, Count(smtp, "451"));
        Assert.InRange(Count(smtp, "MAIL"), 2, 6);
        var waiting = (await OutboxAsync(app)).Where(m => m.State != OutboxState.Sent).ToList();
        Assert.NotEmpty(waiting);
        Assert.All(waiting, m =>
        {
            Assert.Equal(OutboxState.Pending, m.State);
            Assert.Equal(0, m.Attempts);
            Assert.True(m.NextAttemptAt >= app.Clock.GetUtcNow().UtcDateTime + MailPace.Pause);
        });

        // Still paused: nothing more is tried.
        var tried = Count(smtp, "MAIL");
        await SendAsync(app);
        Assert.Equal(tried, Count(smtp, "MAIL"));

        app.Clock.Advance(MailPace.Recovery + TimeSpan.FromSeconds(1));
        await SendAsync(app);

        await AssertEachArrivedOnceAsync(app, smtp, ids);
        Assert.All(await OutboxAsync(app), m => Assert.Equal(0, m.Attempts));
        // Said once for the whole pool, not once for each email or connection.
        Assert.Single(app.Log.From("Ralliement.Mail"), m => m.Contains("throttling", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_throttling_the_pool_sends_more_slowly_for_a_while()
    {
        var smtp = Server("throttle=1");
        var app = App(smtp, connections: 2);
        var ids = await QueueAsync(app, 5);
        await SendAsync(app);
        Assert.Equal(1, Count(smtp, "451"));

        // Past the pause, within the recovery: one email a second. The other connection may have sent one
        // email before the 451 paused the pool, so 4 or 5 are left: more than 2 s. Unthrottled, they
        // leave in a fraction of a second.
        app.Clock.Advance(MailPace.Pause + TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        await SendAsync(app);

        await AssertEachArrivedOnceAsync(app, smtp, ids);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(1.5), $"5 emails took {clock.Elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public async Task A_ceiling_on_emails_per_second_holds_the_whole_pool_to_it()
    {
        var smtp = Server("");
        var app = App(smtp, connections: 4, maxPerSecond: 5);
        var ids = await QueueAsync(app, 15);

        var clock = Stopwatch.StartNew();
        await SendAsync(app);

        await AssertEachArrivedOnceAsync(app, smtp, ids);
        // Five at once, then five a second: two seconds for the other ten.
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(1.5), $"15 emails took {clock.Elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public async Task A_slow_server_delivers_in_the_time_of_one_connection_divided_among_the_pool()
    {
        const int emails = 40;
        var latency = TimeSpan.FromMilliseconds(100);
        var smtp = Server("latency=0.1");
        var app = App(smtp, connections: 4);
        var ids = await QueueAsync(app, emails);

        var clock = Stopwatch.StartNew();
        await SendAsync(app);
        clock.Stop();

        await AssertEachArrivedOnceAsync(app, smtp, ids);
        // Each email waits three answers (MAIL, RCPT, end of DATA): 12 s one after another; about 3 s over four connections.
        var oneByOne = emails * 3 * latency;
        Assert.True(clock.Elapsed < oneByOne / 2, $"{emails} emails took {clock.Elapsed.TotalSeconds:F1} s at {latency.TotalMilliseconds} ms an answer.");
    }

    [Fact]
    public async Task A_refused_address_fails_at_once_and_is_not_tried_on_another_connection()
    {
        var smtp = Server("refuse=nobody");
        var app = App(smtp);
        var ids = await QueueAsync(app, 8);
        var refused = await app.WithDbAsync(async db =>
        {
            app.Services.GetRequiredService<Outbox>().Add(db, "nobody@example.org", "Subject", "Body", OutboxPriority.Signer);
            await db.SaveChangesAsync();
            return await db.Outbox.MaxAsync(m => m.Id);
        });

        await SendAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(7));
        await SendAsync(app);

        Assert.Equal(1, Count(smtp, "RCPT nobody@example.org"));
        var message = (await OutboxAsync(app)).Single(m => m.Id == refused);
        Assert.Equal(OutboxState.Failed, message.State);
        Assert.Equal(1, message.Attempts);
        Assert.Contains("No such mailbox", message.LastError, StringComparison.Ordinal);
        Assert.Equal(ids.Select(id => $"<outbox-{id}@localhost>").Order(), smtp.Log().Where(l => l.StartsWith("DATA ", StringComparison.Ordinal)).Select(l => l[5..]).Order());
    }

    [Fact]
    public async Task Connections_stay_open_while_emails_flow_and_are_closed_once_idle()
    {
        var smtp = Server("");
        var app = App(smtp, connections: 2, inBackground: true);
        var ids = await QueueAsync(app, 20);
        app.Services.GetRequiredService<Outbox>().Notify();

        Assert.Equal(20, (await smtp.WaitForMessagesAsync(20, TimeSpan.FromSeconds(15))).Count);
        // Two more emails, one after the other: the second leaves in a later pass of the sender, so the
        // pass that sent the first has ended, its look for idle connections included.
        ids.Add(await app.WaitForQueuedEmailsAsync());
        ids.Add(await app.WaitForQueuedEmailsAsync());
        Assert.Equal(0, Count(smtp, "QUIT"));

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await WaitForAsync(() => Count(smtp, "QUIT") == Count(smtp, "EHLO"));
        await AssertEachArrivedOnceAsync(app, smtp, ids);
    }

    [Fact]
    public async Task Stopping_the_site_closes_its_open_connections_politely()
    {
        var smtp = Server("");
        var app = App(smtp, connections: 2, inBackground: true);
        await QueueAsync(app, 10);
        app.Services.GetRequiredService<Outbox>().Notify();
        Assert.Equal(10, (await smtp.WaitForMessagesAsync(10, TimeSpan.FromSeconds(15))).Count);
        Assert.Equal(0, Count(smtp, "QUIT"));

        app.Dispose();

        await WaitForAsync(() => Count(smtp, "QUIT") == Count(smtp, "EHLO"));
    }

    [Fact]
    public async Task A_server_refusing_the_sites_own_address_costs_attempts_but_fails_no_email_at_once()
    {
        var smtp = Server("refuse_from=blocked");
        var app = new RalliementApp();
        _owned.Add(app);
        app.Settings["Mail:From"] = "Ralliement <blocked@ralliement.test>";
        app.Settings["Mail:Smtp:Host"] = "127.0.0.1";
        app.Settings["Mail:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        app.Settings["Mail:Smtp:Security"] = "None";
        app.Settings["Mail:SendInBackground"] = "false";
        _ = app.Address;
        await QueueAsync(app, 3);

        await SendAsync(app);

        Assert.Empty(smtp.Received());
        Assert.All(await OutboxAsync(app), m =>
        {
            Assert.Equal(OutboxState.Pending, m.State);
            Assert.Equal(1, m.Attempts);
        });
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(condition());
    }
}
