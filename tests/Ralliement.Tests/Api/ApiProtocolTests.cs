using System.Net;
using System.Text.Json;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Api;

/// <summary>How a program talks to the API: pages, errors, methods, other sites' scripts, the count on another site.</summary>
public sealed class ApiProtocolTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public ApiProtocolTests() =>
        // Cached like the public pages, so that an answer served from the cache is tested too.
        _app.Settings["Caching:PublicPages"] = "00:00:03";

    public void Dispose() => _app.Dispose();

    private static readonly string Campaign = $"/api/v1/campaigns/{RalliementApp.Slug}";

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        Assert.True(status == response.StatusCode, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), what);
    }

    [Fact]
    public async Task Following_next_walks_every_public_signatory_once_newest_first_and_the_link_header_says_the_same()
    {
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await _app.SignatureAsync(SignatureState.Confirmed, firstName: $"Page{i}", lastName: "Suivante"));
        }
        using var client = _app.Browser();

        var seen = new List<long>();
        string? next = $"{Campaign}/signatories?limit=3";
        var pages = 0;
        while (next is not null)
        {
            var response = await client.GetAsync(next);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            seen.AddRange(page.GetProperty("signatories").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
            next = page.GetProperty("next").GetString();
            Assert.Equal(next is null ? null : $"<{next}>; rel=\"next\"", response.Headers.TryGetValues("Link", out var link) ? link.Single() : null);
            pages++;
        }

        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData("/api/v1/campaigns?after=0")]
    [InlineData("/api/v1/campaigns?limit=0")]
    [InlineData("/api/v1/campaigns?limit=101")]
    [InlineData("/api/v1/campaigns?limit=many")]
    [InlineData("/api/v1/campaigns?state=draft")]
    [InlineData("/api/v1/campaigns/objection-ia-generative/signatories?after=-4")]
    [InlineData("/api/v1/campaigns/objection-ia-generative/signatories?after=abc")]
    [InlineData("/api/v1/campaigns/objection-ia-generative/signatories?after=99999999999999999999")]
    [InlineData("/api/v1/campaigns/objection-ia-generative/signatories?kind=robot")]
    public async Task A_parameter_out_of_its_range_is_a_400_problem(string path)
    {
        using var client = _app.Browser();

        await AssertProblemAsync(await client.GetAsync(path), HttpStatusCode.BadRequest, path);
    }

    [Fact]
    public async Task Other_methods_and_unknown_addresses_are_problems_too()
    {
        using var client = _app.Browser();

        foreach (var method in (string[])["POST", "PUT", "DELETE", "PATCH"])
        {
            await AssertProblemAsync(await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/v1/campaigns")), HttpStatusCode.MethodNotAllowed, method);
        }
        await AssertProblemAsync(await client.GetAsync("/api/v1/petitions"), HttpStatusCode.NotFound, "an unknown address");
        await AssertProblemAsync(await client.GetAsync($"{Campaign}/versions/de/1"), HttpStatusCode.NotFound, "an unknown language");
        await AssertProblemAsync(await client.GetAsync($"{Campaign}/versions/fr/9"), HttpStatusCode.NotFound, "an unknown version");
    }

    [Fact]
    public async Task Another_site_may_read_every_answer_even_one_from_the_cache_but_never_with_credentials_nor_write()
    {
        using var client = _app.Browser();
        // The first answer is cached without any Origin; the second, from the cache, is asked by another site.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Campaign}/count")).StatusCode);
        using var fromAnotherSite = new HttpRequestMessage(HttpMethod.Get, $"{Campaign}/count") { Headers = { { "Origin", "https://blog.example.net" } } };

        var response = await client.SendAsync(fromAnotherSite);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"{Campaign}/signatories")
        {
            Headers = { { "Origin", "https://blog.example.net" }, { "Access-Control-Request-Method", "GET" } },
        };
        var allowed = await client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("*", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("GET", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);

        using var writing = new HttpRequestMessage(HttpMethod.Options, $"{Campaign}/signatories")
        {
            Headers = { { "Origin", "https://blog.example.net" }, { "Access-Control-Request-Method", "DELETE" } },
        };
        var refused = await client.SendAsync(writing);
        Assert.False(refused.Headers.TryGetValues("Access-Control-Allow-Methods", out var methods) && methods.Single().Contains("DELETE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_developer_shows_on_their_site_the_count_the_campaign_page_shows()
    {
        _app.Settings["Caching:PublicPages"] = "00:00:00";
        var email = RalliementApp.UniqueEmail();
        await _app.SignAsync(RalliementApp.Form(email));
        await _app.ConfirmAsync(await _app.EmailToAsync(email));
        using var client = _app.Browser();

        var count = JsonDocument.Parse(await client.GetStringAsync($"{Campaign}/count")).RootElement;

        Assert.Equal(1, count.GetProperty("count").GetInt32());
        Assert.Equal(await _app.PublicCountAsync(), count.GetProperty("count").GetInt32());
        Assert.Equal(1000, count.GetProperty("goal").GetInt32());
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, count.GetProperty("updatedAt").GetDateTime());
        // The address the kit and existing sites use still answers the same count.
        var older = JsonDocument.Parse(await client.GetStringAsync($"/api/campaigns/{RalliementApp.Slug}/count")).RootElement;
        Assert.Equal(1, older.GetProperty("count").GetInt32());
    }
}
