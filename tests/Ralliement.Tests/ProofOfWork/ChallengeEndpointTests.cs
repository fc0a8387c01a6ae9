using System.Net;
using System.Text.Json;
using Ralliement.Tests.Integration;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.ProofOfWork;

public sealed class ChallengeEndpointTests
{
    [Fact]
    public async Task A_challenge_is_fresh_for_every_request_and_never_cached()
    {
        using var app = new RalliementApp();
        using var client = app.Browser();

        using var first = await client.GetAsync($"/api/proof-of-work?campaign={RalliementApp.Slug}");
        using var second = await client.GetAsync($"/api/proof-of-work?campaign={RalliementApp.Slug}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal(8, body.RootElement.GetProperty("difficulty").GetInt32());
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(20), body.RootElement.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("?campaign=no-such-campaign")]
    [InlineData("?campaign=")]
    [InlineData("")]
    public async Task An_unknown_campaign_gets_404_and_no_challenge(string query)
    {
        using var app = new RalliementApp();
        using var client = app.Browser();

        using var response = await client.GetAsync("/api/proof-of-work" + query);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("challenge", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_draft_campaign_gets_no_challenge()
    {
        using var app = new RalliementApp();
        await app.ChangeCampaignAsync(c => c.State = Ralliement.Data.CampaignState.Draft);
        using var client = app.Browser();

        using var response = await client.GetAsync($"/api/proof-of-work?campaign={RalliementApp.Slug}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_signing_form_loads_the_script_which_the_policy_allows_from_this_site_only()
    {
        using var app = new RalliementApp();
        using var client = app.Browser();

        using var page = await client.GetAsync($"/fr/c/{RalliementApp.Slug}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Contains($"data-proof-of-work=\"{RalliementApp.Slug}\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/proof-of-work.js?v=", html, StringComparison.Ordinal);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("worker-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        using var script = await client.GetAsync("/proof-of-work.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.InRange(script.Content.Headers.ContentLength ?? 0, 1, 8 * 1024);
    }
}
