using System.Net;
using System.Net.Http.Headers;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Caching;

/// <summary>
/// Public answers tell browsers, proxies and CDNs how long to keep them and carry an ETag; a client
/// that holds the answer gets a 304 without a body, from the cache or from a fresh rendering.
/// </summary>
public sealed class HttpCachingTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private static readonly string[] PublicAnswers =
    [
        $"/fr/c/{RalliementApp.Slug}",
        $"/en/c/{RalliementApp.Slug}/signatories",
        $"/api/campaigns/{RalliementApp.Slug}/count",
        $"/fr/c/{RalliementApp.Slug}/kit/badge.svg",
        $"/fr/c/{RalliementApp.Slug}/news",
        $"/en/c/{RalliementApp.Slug}/feed.atom",
        $"/fr/o/{RalliementApp.DemoOrganisation}/feed.atom",
        $"/fr/c/{RalliementApp.Slug}/stats",
        $"/api/v1/campaigns/{RalliementApp.Slug}",
        $"/api/v1/campaigns/{RalliementApp.Slug}/signatories",
    ];

    /// <summary>Counted every few minutes, so kept longer than pages (<c>Stats:CacheFor</c>).</summary>
    private static readonly string[] StatisticsFiles =
    [
        $"/fr/c/{RalliementApp.Slug}/stats.json",
        $"/en/c/{RalliementApp.Slug}/stats.csv",
        $"/api/v1/campaigns/{RalliementApp.Slug}/stats",
    ];

    private static async Task<HttpResponseMessage> GetIfNoneMatchAsync(HttpClient client, string path, EntityTagHeaderValue tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(tag);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_page_the_count_a_kit_image_and_the_feeds_say_how_long_to_keep_them_and_answer_304_to_their_ETag()
    {
        _app.Settings["Caching:PublicPages"] = "00:00:30";
        _app.Settings["Caching:StaleWhileRevalidate"] = "00:01:00";
        using var client = _app.Browser();

        foreach (var path in PublicAnswers)
        {
            var first = await client.GetAsync(path);
            var tag = first.Headers.ETag;

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("public, max-age=30, stale-while-revalidate=60", first.Headers.CacheControl?.ToString());
            Assert.NotNull(tag);
            Assert.False(tag.IsWeak, path);
            // The language is in the path and nothing is compressed: the answer varies with nothing the client sends.
            Assert.False(first.Headers.Contains("Vary"), path);
            var notModified = await GetIfNoneMatchAsync(client, path, tag);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(tag, notModified.Headers.ETag);
            Assert.Equal("public, max-age=30, stale-while-revalidate=60", notModified.Headers.CacheControl?.ToString());
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            var otherTag = await GetIfNoneMatchAsync(client, path, new EntityTagHeaderValue("\"another-version\""));
            Assert.Equal(HttpStatusCode.OK, otherTag.StatusCode);
            Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await otherTag.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_statistics_files_are_kept_their_own_time_with_the_pages_grace_and_answer_304_to_their_ETag()
    {
        _app.Settings["Stats:CacheFor"] = "00:04:00";
        _app.Settings["Caching:StaleWhileRevalidate"] = "00:01:00";
        using var client = _app.Browser();

        foreach (var path in StatisticsFiles)
        {
            var first = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("public, max-age=240, stale-while-revalidate=60", first.Headers.CacheControl?.ToString());
            Assert.NotNull(first.Headers.ETag);
            var notModified = await GetIfNoneMatchAsync(client, path, first.Headers.ETag);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }
        var unknown = await client.GetAsync("/api/v1/campaigns/no-such-campaign/stats");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.NotEqual(TimeSpan.FromMinutes(4), unknown.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task With_the_cache_off_public_answers_claim_no_max_age_and_still_answer_304_to_their_ETag()
    {
        using var client = _app.Browser();

        foreach (var path in PublicAnswers)
        {
            var first = await client.GetAsync(path);
            Assert.NotNull(first.Headers.ETag);
            var notModified = await GetIfNoneMatchAsync(client, path, first.Headers.ETag);

            Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
            Assert.Null(first.Headers.CacheControl?.MaxAge);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_withdrawal_gives_the_public_list_a_new_ETag_at_once_even_while_it_is_cached()
    {
        _app.Settings["Caching:PublicPages"] = "00:01:00";
        var email = RalliementApp.UniqueEmail("leaving");
        await _app.SignAsync(RalliementApp.Form(email, firstName: "Octave", lastName: "Départ"));
        var mail = await _app.EmailToAsync(email);
        await _app.ConfirmAsync(mail);
        using var client = _app.Browser();
        var list = $"/fr/c/{RalliementApp.Slug}/signatories";
        var before = await client.GetAsync(list);
        Assert.Contains("Octave Départ", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, (await GetIfNoneMatchAsync(client, list, before.Headers.ETag!)).StatusCode);

        await _app.WithdrawAsync(mail);

        var after = await GetIfNoneMatchAsync(client, list, before.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.DoesNotContain("Octave Départ", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conditional_request_answered_from_a_fresh_rendering_still_fills_the_cache()
    {
        _app.Settings["Caching:PublicPages"] = "00:01:00";
        using var client = _app.Browser();
        var page = $"/en/c/{RalliementApp.Slug}/versions";
        var tag = (await client.GetAsync(page)).Headers.ETag!;
        // An edit empties the cache; the page it renders again is the same as before.
        await _app.WithAsync<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore, bool>(async store =>
        {
            await store.EvictByTagAsync(Ralliement.Shared.PublicPageCaching.Tag, CancellationToken.None);
            return true;
        });

        var rendered = await GetIfNoneMatchAsync(client, page, tag);
        var fromCache = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.NotModified, rendered.StatusCode);
        Assert.Null(rendered.Headers.Age);
        Assert.Equal(HttpStatusCode.OK, fromCache.StatusCode);
        Assert.NotNull(fromCache.Headers.Age);
        Assert.Equal(tag, fromCache.Headers.ETag);
    }

    [Fact]
    public async Task Private_pages_keep_no_store_and_get_no_ETag()
    {
        var response = await _app.Browser().GetAsync("/fr/organiser/login");

        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Null(response.Headers.ETag);
    }

    [Theory]
    [InlineData("00:00:05", "00:00:10", "/fr/c/objection-ia-generative/privacy", "disparaît de toutes les pages publiques en 15 secondes au plus")]
    [InlineData("00:00:01", "00:00:00", "/en/o/collectif-demo/privacy", "leaves every public page within 1 second,")]
    [InlineData("00:00:00", "00:00:10", "/fr/o/collectif-demo/privacy", "disparaît aussitôt de toutes les pages publiques")]
    public async Task The_privacy_notice_promises_how_soon_a_withdrawn_name_leaves_public_pages_from_the_site_s_own_settings(string publicPages, string stale, string path, string promise)
    {
        _app.Settings["Caching:PublicPages"] = publicPages;
        _app.Settings["Caching:StaleWhileRevalidate"] = stale;

        var notice = await _app.Browser().GetStringAsync(path);

        Assert.Contains(promise, notice, StringComparison.Ordinal);
    }
}
