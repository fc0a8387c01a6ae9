using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Ralliement.Data;
using Ralliement.Tests.Support;
using Xunit.Abstractions;

namespace Ralliement.Tests.Resilience;

/// <summary>The real server, killed with SIGKILL three times under a write load, loses nothing it acknowledged.</summary>
[Slow]
[BothDatabases]
[Collection(nameof(RunsAlone))]
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Senders = 8;
    private const int Kills = 3;
    private const int MaxSignaturesPerSender = 400;

    // Polls fast, and takes over a dead process's claimed emails after 2 s instead of 5 min.
    private readonly RalliementProcess _server = new("--Mail:PollInterval=00:00:00.200", "--Mail:ClaimDuration=00:00:02");

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task An_acknowledged_signature_and_its_email_survive_kill_9()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"Random seed {seed}");
        var random = new Random(seed);
        await _server.StartAsync();

        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Senders).Select(n => Task.Run(() => SignAsync(n, acknowledged, stop.Token))).ToArray();
        for (var kill = 0; kill < Kills; kill++)
        {
            // Each kill lands while signatures are being written: after the restarted server took at
            // least one, then at a random moment.
            var restartedAt = acknowledged.Count;
            for (var wait = 0; wait < 100 && acknowledged.Count == restartedAt; wait++)
            {
                await Task.Delay(100);
            }
            await Task.Delay(random.Next(300, 2000));
            var before = acknowledged.Count;
            _server.KillHard();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await _server.StartAsync();
            output.WriteLine($"Killed after {before} acknowledged signatures; back in {clock.ElapsedMilliseconds} ms");
        }
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        output.WriteLine($"{acknowledged.Count} signatures acknowledged in all");
        Assert.True(acknowledged.Count > Kills * Senders, $"The load hardly ran: {acknowledged.Count} acknowledged.");

        var signed = await _server.WithDbAsync(db => db.Signatures.Select(s => s.EmailKey!).ToListAsync());
        var counts = signed.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var keyOf = await _server.KeyOfAsync();
        Assert.All(acknowledged, address => Assert.Equal(1, counts.GetValueOrDefault(keyOf(address))));

        var outbox = await DrainedOutboxAsync();
        Assert.All(outbox, m => Assert.Equal(OutboxState.Sent, m.State));
        var emails = Directory.GetFiles(_server.MailDirectory, "*.eml").Select(path => MimeMessage.Load(path)).ToList();
        Assert.Equal(
            outbox.Select(m => $"outbox-{m.Id}@localhost").Order(),
            emails.Select(m => m.MessageId ?? "").Order());
        // Every signature that was written, acknowledged or not, got its one confirmation email.
        Assert.Equal(signed.Order(), emails.Select(m => keyOf(m.To.Mailboxes.Single().Address)).Order());
    }

    private async Task SignAsync(int sender, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = _server.Address,
            Timeout = TimeSpan.FromSeconds(20),
        };
        for (var i = 0; i < MaxSignaturesPerSender && !stop.IsCancellationRequested; i++)
        {
            var address = $"crash.{sender}.{i}@example.org";
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/fr/c/{RalliementApp.Slug}/sign")
            {
                Content = new FormUrlEncodedContent(RalliementApp.Form(address)),
            };
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            try
            {
                using var response = await client.SendAsync(request, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.SeeOther)
                {
                    acknowledged.Add(address);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // The server is down or restarting: this address may or may not be stored, and is not counted.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    /// <summary>Waits until no email is left to send: claims of killed processes expire after 2 s.</summary>
    private async Task<List<OutboxMessage>> DrainedOutboxAsync()
    {
        for (var i = 0; i < 300; i++)
        {
            var outbox = await _server.WithDbAsync(db => db.Outbox.AsNoTracking().ToListAsync());
            if (outbox.All(m => m.State != OutboxState.Pending))
            {
                return outbox;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The outbox did not drain within 30 seconds.\n{_server.Output}");
    }
}
