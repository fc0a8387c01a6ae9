using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Ralliement.Tests.Resilience;
using Ralliement.Tests.Support;
using Xunit.Abstractions;

namespace Ralliement.Tests.Deployment;

/// <summary>
/// Two published nodes on one PostgreSQL database behind Debian's nginx running the shipped site
/// file, as docs/deploy.md sets them up: a signer goes through nginx only.
/// </summary>
[Trait("Category", "Deploy")]
[Collection(nameof(RunsAlone))]
public sealed partial class ProxiedTwoNodesTests(ITestOutputHelper output)
{
    private const string SignPath = $"/fr/c/{RalliementApp.Slug}/sign";

    [Fact]
    public async Task A_signer_signs_confirms_and_withdraws_through_nginx_and_both_nodes_count_it()
    {
        await using var site = await ProxiedSite.StartAsync();
        using var client = site.Client();
        var before = await CountAsync(client);
        var email = RalliementApp.UniqueEmail("proxied");

        using (var signed = await SignAsync(client, email))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signed.StatusCode);
        }
        var confirmation = await EmailAsync(site, email);
        using (var confirmed = await client.GetAsync(RalliementApp.LinkIn(confirmation, "confirm")))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }
        await EventuallyCountsAsync(site, client, before + 1);

        // The withdrawal page and its button, in two requests that nginx sends to one node then the
        // other: the antiforgery cookie set by one is read by the other, as both share the keys.
        using (var withdrawer = site.Client())
        {
            var link = RalliementApp.LinkIn(confirmation, "withdraw");
            var page = await withdrawer.GetStringAsync(link);
            var token = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
            using var withdrawn = await withdrawer.PostAsync(link, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }
        await EventuallyCountsAsync(site, client, before);
    }

    [Fact]
    public async Task Nginx_keeps_what_the_app_marks_public_and_never_a_page_that_sets_a_cookie()
    {
        await using var site = await ProxiedSite.StartAsync();
        using var client = site.Client();

        Assert.Equal(["MISS", "HIT"], [await CacheStatusAsync(client, "/site.css"), await CacheStatusAsync(client, "/site.css")]);
        // The campaign page is public for a second (Caching:PublicPages): kept that long here too.
        Assert.Equal(["MISS", "HIT"], [await CacheStatusAsync(client, $"/fr/c/{RalliementApp.Slug}"), await CacheStatusAsync(client, $"/fr/c/{RalliementApp.Slug}")]);
        // The sign-in page sets the antiforgery cookie and says no-store.
        var login = "/fr/organiser/login";
        var statuses = new[] { await CacheStatusAsync(site.Client(), login), await CacheStatusAsync(site.Client(), login) };
        Assert.DoesNotContain("HIT", statuses);
        // A visitor with a cookie never gets a stored copy, even of the stylesheet.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/site.css");
        request.Headers.Add("Cookie", "ralliement-antiforgery=x");
        using var response = await client.SendAsync(request);
        Assert.Equal("BYPASS", response.Headers.GetValues("X-Cache-Status").Single());
    }

    [Fact]
    public async Task The_address_nginx_saw_reaches_the_rate_limits_and_a_client_cannot_choose_it()
    {
        // Two signatures per client network and node, then one a minute.
        await using var site = await ProxiedSite.StartAsync(new Dictionary<string, string>
        {
            ["AntiAbuse:RateLimits:SigningPerNetwork:Burst"] = "2",
            ["AntiAbuse:RateLimits:SigningPerNetwork:PerMinute"] = "1",
        });
        using var crowded = site.Client(from: "127.0.1.1");

        // Each post claims another address in X-Forwarded-For; nginx replaces it with the one it saw.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 8 && !answers.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var answer = await SignAsync(crowded, RalliementApp.UniqueEmail("crowded"), forwardedFor: $"10.{i}.{i}.{i}");
            answers.Add(answer.StatusCode);
        }
        output.WriteLine($"From 127.0.1.1: {string.Join(", ", answers.Select(a => (int)a))}");
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        // At most two per node before the limit.
        Assert.True(answers.Count(a => a == HttpStatusCode.SeeOther) <= 4, string.Join(", ", answers));

        // Another client, behind the same nginx, signs as usual.
        using var other = site.Client(from: "127.0.2.1");
        using var accepted = await SignAsync(other, RalliementApp.UniqueEmail("other"));
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
    }

    [Fact]
    public async Task Killing_one_node_under_load_loses_no_acknowledged_signature_and_nginx_keeps_answering_from_the_other()
    {
        const int senders = 6;
        await using var site = await ProxiedSite.StartAsync(new Dictionary<string, string>
        {
            // The load comes from one address and one domain: no limit or wave may get in the way.
            ["AntiAbuse:RateLimits:SigningPerNetwork:Burst"] = "0",
            ["AntiAbuse:RateLimits:SigningPerDomain:Burst"] = "0",
            ["AntiAbuse:Waves:Enabled"] = "false",
        });
        var acknowledged = new ConcurrentBag<string>();
        var answers = new ConcurrentBag<(TimeSpan At, bool Succeeded)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, senders).Select(n => Task.Run(async () =>
        {
            using var client = site.Client();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var email = $"load.{n}.{i}.{Guid.NewGuid():N}@example.org";
                var sentAt = clock.Elapsed;
                try
                {
                    using var answer = await SignAsync(client, email);
                    answers.Add((sentAt, answer.StatusCode == HttpStatusCode.SeeOther));
                    if (answer.StatusCode == HttpStatusCode.SeeOther)
                    {
                        acknowledged.Add(email);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    answers.Add((sentAt, false));
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(6));
        var killedAt = clock.Elapsed;
        var acknowledgedBeforeKill = acknowledged.Count;
        site.First.KillHard();
        await Task.Delay(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var after = answers.Where(a => a.At >= killedAt).ToList();
        var failedAfter = after.Where(a => !a.Succeeded).ToList();
        output.WriteLine($"{acknowledgedBeforeKill} signatures acknowledged before the kill, {acknowledged.Count} in all");
        output.WriteLine($"After the kill: {after.Count} posts, {failedAfter.Count} failed"
            + (failedAfter.Count == 0 ? "" : $", the last {(failedAfter.Max(a => a.At) - killedAt).TotalMilliseconds:F0} ms after it"));
        foreach (var second in after.GroupBy(a => (int)(a.At - killedAt).TotalSeconds).OrderBy(g => g.Key))
        {
            output.WriteLine($"  second {second.Key}: {second.Count(a => a.Succeeded)} acknowledged, {second.Count(a => !a.Succeeded)} failed");
        }
        Assert.True(acknowledgedBeforeKill > senders, $"The load hardly ran before the kill: {acknowledgedBeforeKill} acknowledged.");

        // Only what was in flight on the killed node may fail, and nothing sent a second after the kill.
        Assert.True(failedAfter.Count <= senders, $"{failedAfter.Count} posts failed after the kill.\n{site.NginxErrors}");
        Assert.DoesNotContain(failedAfter, a => a.At > killedAt + TimeSpan.FromSeconds(1));
        Assert.True(after.Count(a => a.Succeeded) > 5 * senders, $"The surviving node acknowledged only {after.Count(a => a.Succeeded)} posts.\n{site.Second.Output}");

        var keyOf = await site.KeyOfAsync();
        var stored = (await site.WithDbAsync(db => db.Signatures.Select(s => s.EmailKey!).ToListAsync())).ToHashSet(StringComparer.Ordinal);
        Assert.All(acknowledged, email => Assert.Contains(keyOf(email), stored));
    }

    [Fact]
    public async Task The_shipped_one_node_site_file_is_accepted_by_nginx()
    {
        var folder = Directory.CreateTempSubdirectory("ralliement-nginx-check-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
                error_log {{folder}}/error.log;
                events {}
                http {
                    include /etc/nginx/mime.types;
                    include {{PublishedApp.RepositoryRoot}}/deploy/nginx/ralliement.conf;
                }
                """);
            var (exitCode, verdict) = await PublishedApp.RunAsync(ProxiedSite.Nginx,
                ["-t", "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log")], TimeSpan.FromSeconds(30));
            Assert.True(exitCode == 0, verdict);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> SignAsync(HttpClient client, string email, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SignPath) { Content = new FormUrlEncodedContent(RalliementApp.Form(email)) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return await client.SendAsync(request);
    }

    private static async Task<string> CacheStatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues("X-Cache-Status", out var values) ? values.Single() : "";
    }

    private static async Task<int> CountAsync(HttpClient client)
    {
        var page = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}");
        var digits = CountOnPage().Match(page).Groups[1].Value.Where(char.IsAsciiDigit).ToArray();
        return int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The count through nginx, and on each node directly, reaches <paramref name="expected"/> (pages may be a second stale).</summary>
    private static async Task EventuallyCountsAsync(ProxiedSite site, HttpClient client, int expected)
    {
        using var first = new HttpClient { BaseAddress = site.First.Address };
        using var second = new HttpClient { BaseAddress = site.Second.Address };
        await RalliementApp.EventuallyAsync(async () =>
            await CountAsync(client) == expected && await CountAsync(first) == expected && await CountAsync(second) == expected,
            $"a count of {expected} through nginx and on both nodes", seconds: 10);
    }

    private static async Task<MimeMessage> EmailAsync(ProxiedSite site, string address)
    {
        for (var i = 0; i < 150; i++)
        {
            var found = (Directory.Exists(site.MailDirectory) ? Directory.GetFiles(site.MailDirectory, "*.eml") : [])
                .Select(path => MimeMessage.Load(path))
                .FirstOrDefault(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No email arrived in 15 seconds.\n{site.First.Output}\n{site.Second.Output}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"class=""count"">\s*<p><strong>([^<]+)</strong>")]
    private static partial Regex CountOnPage();
}
