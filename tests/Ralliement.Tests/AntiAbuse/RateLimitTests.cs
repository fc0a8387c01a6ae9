using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.AntiAbuse;

/// <summary>Rate limits per client network (behind a trusted proxy) and per email domain.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly RalliementApp _app = new RalliementApp().BehindProxy();

    public void Dispose() => _app.Dispose();

    private void LimitSigning(int perNetwork = 0, int perDomain = 0)
    {
        // One token a minute after the burst: nothing refills during a test.
        _app.Settings["AntiAbuse:RateLimits:SigningPerNetwork:Burst"] = perNetwork.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.Settings["AntiAbuse:RateLimits:SigningPerNetwork:PerMinute"] = "1";
        _app.Settings["AntiAbuse:RateLimits:SigningPerDomain:Burst"] = perDomain.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.Settings["AntiAbuse:RateLimits:SigningPerDomain:PerMinute"] = "1";
    }

    [Fact]
    public async Task A_network_past_its_limit_gets_429_with_when_to_retry_and_the_form_as_typed()
    {
        LimitSigning(perNetwork: 3);
        foreach (var host in new[] { "203.0.113.7", "203.0.113.8", "203.0.113.200" })
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignFromAsync(host, RalliementApp.Form(RalliementApp.UniqueEmail()))).StatusCode);
        }

        var refused = await _app.SignFromAsync("203.0.113.99", RalliementApp.Form(RalliementApp.UniqueEmail(), firstName: "Inès", lastName: "Patience"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Trop de signatures viennent de votre réseau en ce moment. Réessayez dans 1 min", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Inès\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Patience\"", page, StringComparison.Ordinal);
        Assert.Equal(3, await _app.WithDbAsync(db => db.Signatures.CountAsync()));
    }

    [Fact]
    public async Task Another_network_is_still_allowed_when_one_is_limited()
    {
        LimitSigning(perNetwork: 1);
        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignFromAsync("198.51.100.4", RalliementApp.Form(RalliementApp.UniqueEmail()))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await _app.SignFromAsync("198.51.100.250", RalliementApp.Form(RalliementApp.UniqueEmail()))).StatusCode);
        // The same IPv4 address written as IPv6 is the same network.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await _app.SignFromAsync("::ffff:198.51.100.5", RalliementApp.Form(RalliementApp.UniqueEmail()))).StatusCode);

        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignFromAsync("198.51.101.4", RalliementApp.Form(RalliementApp.UniqueEmail()))).StatusCode);
    }

    [Fact]
    public async Task IPv6_addresses_are_grouped_by_their_64_bit_prefix()
    {
        LimitSigning(perNetwork: 2);
        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignFromAsync("2001:db8:1:2::1", RalliementApp.Form(RalliementApp.UniqueEmail()))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignFromAsync("2001:db8:1:2:ffff:ffff:ffff:5", RalliementApp.Form(RalliementApp.UniqueEmail()))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await _app.SignFromAsync("2001:db8:1:2:abcd::9", RalliementApp.Form(RalliementApp.UniqueEmail()))).StatusCode);

        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignFromAsync("2001:db8:1:3::1", RalliementApp.Form(RalliementApp.UniqueEmail()))).StatusCode);
    }

    [Fact]
    public async Task Forwarded_addresses_from_an_unknown_proxy_are_ignored()
    {
        var direct = new RalliementApp();
        try
        {
            direct.Settings["AntiAbuse:RateLimits:SigningPerNetwork:Burst"] = "1";
            direct.Settings["AntiAbuse:RateLimits:SigningPerNetwork:PerMinute"] = "1";
            Assert.Equal(HttpStatusCode.SeeOther, (await direct.SignFromAsync("192.0.2.1", RalliementApp.Form(RalliementApp.UniqueEmail()))).StatusCode);
            // Without a configured proxy, the header is the client's own claim: both come from 127.0.0.1.
            Assert.Equal(HttpStatusCode.TooManyRequests, (await direct.SignFromAsync("192.0.3.1", RalliementApp.Form(RalliementApp.UniqueEmail()))).StatusCode);
        }
        finally
        {
            direct.Dispose();
        }
    }

    [Fact]
    public async Task A_domain_past_its_limit_on_a_campaign_gets_429_while_other_domains_and_webmail_go_on()
    {
        LimitSigning(perDomain: 2);
        var host = 0;
        Task<HttpResponseMessage> Sign(string email) => _app.SignFromAsync($"192.0.2.{++host}", RalliementApp.Form(email));

        Assert.Equal(HttpStatusCode.SeeOther, (await Sign($"a.{Guid.NewGuid():N}@campus-example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await Sign($"b.{Guid.NewGuid():N}@campus-example.org")).StatusCode);
        var refused = await Sign($"c.{Guid.NewGuid():N}@campus-example.org");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Trop de signatures avec une adresse de ce domaine arrivent en ce moment", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Its subdomains are the same owner's.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Sign($"c.{Guid.NewGuid():N}@mx.campus-example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await Sign($"d.{Guid.NewGuid():N}@other-example.org")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await Sign($"e{i}.{Guid.NewGuid():N}@gmail.com")).StatusCode);
        }
    }

    [Fact]
    public async Task Organiser_login_and_forgot_password_posts_are_limited_per_network_with_a_readable_page()
    {
        _app.Settings["AntiAbuse:RateLimits:LinksPerNetwork:Burst"] = "2";
        _app.Settings["AntiAbuse:RateLimits:LinksPerNetwork:PerMinute"] = "1";
        using var client = _app.Browser();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");

        for (var i = 0; i < 2; i++)
        {
            var refused = await RalliementApp.LogInAsync(client, "nobody@example.org", "not the password at all");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }
        var limited = await RalliementApp.LogInAsync(client, "nobody@example.org", "not the password at all", "en");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        var page = await limited.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Too many requests</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Please try again in", page, StringComparison.Ordinal);
        // Showing the form is never limited; posting another one from the same network is.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/fr/organiser/forgot-password")).StatusCode);
        var forgot = await RalliementApp.PostFormAsync(client, "/fr/organiser/forgot-password", new() { ["Email"] = "nobody@example.org" });
        Assert.Equal(HttpStatusCode.TooManyRequests, forgot.StatusCode);
        Assert.Contains("<h1>Trop de demandes</h1>", await forgot.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A signer's "send me my link" posts are limited the same way.
        var selfService = await client.PostAsync($"/fr/c/{RalliementApp.Slug}/my-signature",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "nobody@example.org" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, selfService.StatusCode);
    }
}
