using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Shared;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>Public pages and the count are served from memory for a moment; pages with a signer's secret never are.</summary>
public sealed partial class PublicPageCachingTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public PublicPageCachingTests()
    {
        _app.Settings["Caching:PublicPages"] = "00:00:03";
    }

    public void Dispose() => _app.Dispose();

    private async Task<JsonElement> CountAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/campaigns/{RalliementApp.Slug}/count")).RootElement;

    [Fact]
    public async Task The_count_endpoint_answers_the_slug_the_count_and_the_goal_in_json()
    {
        using var client = _app.Browser();

        var response = await client.GetAsync($"/api/campaigns/{RalliementApp.Slug}/count");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(RalliementApp.Slug, json.GetProperty("slug").GetString());
        Assert.Equal(await _app.PublicCountAsync(), json.GetProperty("count").GetInt32());
        Assert.Equal(1000, json.GetProperty("goal").GetInt32());
        Assert.Equal(3, json.EnumerateObject().Count());
    }

    [Fact]
    public async Task The_count_endpoint_of_an_unknown_campaign_is_a_json_404()
    {
        using var client = _app.Browser();

        var response = await client.GetAsync("/api/campaigns/no-such-campaign/count");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_count_changed_by_another_node_shows_on_the_page_and_the_endpoint_once_the_cache_time_has_passed()
    {
        using var client = _app.Browser();
        var before = await _app.PublicCountAsync();
        Assert.Equal(before, (await CountAsync(client)).GetProperty("count").GetInt32());

        // Another node confirms five signatures: this one learns it only from the database.
        await _app.WithDbAsync(db => db.Campaigns.Where(c => c.Slug == RalliementApp.Slug)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.SignatureCount, x => x.SignatureCount + 5)));
        Assert.Equal(before, await _app.PublicCountAsync());

        var page = before;
        var endpoint = before;
        for (var i = 0; i < 80 && (page != before + 5 || endpoint != before + 5); i++)
        {
            await Task.Delay(100);
            page = await _app.PublicCountAsync();
            endpoint = (await CountAsync(client)).GetProperty("count").GetInt32();
        }
        Assert.Equal(before + 5, page);
        Assert.Equal(before + 5, endpoint);
    }

    [Fact]
    public async Task The_cached_campaign_page_is_the_same_for_everyone_and_sets_no_cookie()
    {
        using var first = _app.Browser();
        using var second = _app.Browser();

        var fresh = await first.GetAsync($"/fr/c/{RalliementApp.Slug}");
        var cached = await second.GetAsync($"/fr/c/{RalliementApp.Slug}");

        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.NotNull(cached.Headers.Age);
        Assert.False(fresh.Headers.Contains("Set-Cookie"));
        Assert.False(cached.Headers.Contains("Set-Cookie"));
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await cached.Content.ReadAsStringAsync());
        Assert.Equal(fresh.Headers.GetValues("Content-Security-Policy"), cached.Headers.GetValues("Content-Security-Policy"));
    }

    [Fact]
    public async Task Posts_of_the_signing_form_are_never_answered_from_the_cache()
    {
        using var client = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/fr/c/{RalliementApp.Slug}/sign")).StatusCode);

        var first = await _app.SignAsync(RalliementApp.Form("not-an-address", firstName: "Prune"));
        var second = await _app.SignAsync(RalliementApp.Form("still-not-one", firstName: "Quentin"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Contains("value=\"Prune\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("value=\"Quentin\"", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawn_name_leaves_the_cached_public_list_at_once()
    {
        var email = RalliementApp.UniqueEmail("gone");
        await _app.SignAsync(RalliementApp.Form(email, firstName: "Éphémère", lastName: "Passante"));
        var mail = await _app.EmailToAsync(email);
        await _app.ConfirmAsync(mail);
        Assert.Contains("Éphémère Passante", await _app.PublicListAsync(), StringComparison.Ordinal);

        await _app.WithdrawAsync(mail);

        Assert.DoesNotContain("Éphémère Passante", await _app.PublicListAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmation_and_withdrawal_pages_are_never_served_from_the_cache()
    {
        var email = RalliementApp.UniqueEmail("secret");
        await _app.SignAsync(RalliementApp.Form(email));
        var mail = await _app.EmailToAsync(email);

        var confirmed = await _app.ConfirmAsync(mail);
        var again = await _app.ConfirmAsync(mail);
        Assert.Contains("votre signature est confirmée", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("déjà confirmée", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var one = _app.Browser();
        using var other = _app.Browser();
        var link = RalliementApp.LinkIn(mail, "withdraw");
        var first = await one.GetAsync(link);
        var second = await other.GetAsync(link);
        Assert.Null(second.Headers.Age);
        Assert.True(second.Headers.Contains("Set-Cookie"));
        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    /// <summary>The pages anyone may see, the same for everyone: served from memory, so never no-store.</summary>
    private static readonly string[] PublicPages =
    [
        "/{lang:lang}",
        "/{lang:lang}/c/{slug}",
        "/{lang:lang}/c/{slug}/kit",
        "/{lang:lang}/c/{slug}/legal",
        "/{lang:lang}/c/{slug}/privacy",
        "/{lang:lang}/c/{slug}/signatories",
        "/{lang:lang}/c/{slug}/stats",
        "/{lang:lang}/c/{slug}/versions",
        "/{lang:lang}/c/{slug}/versions/{version:int}",
        "/{lang:lang}/c/{slug}/news",
        "/{lang:lang}/c/{slug}/sign",
        "/{lang:lang}/c/{slug}/my-signature",
        "/{lang:lang}/c/{slug}/kit/card",
        "/{lang:lang}/api",
        "/{lang:lang}/o/{org}/legal",
        "/{lang:lang}/o/{org}/privacy",
    ];

    [Fact]
    public async Task Every_page_but_the_public_ones_answers_no_store_and_the_public_ones_stay_cached()
    {
        var campaignId = await _app.DemoCampaignIdAsync();
        using var owner = await _app.SignedInAsync(OrganisationRole.Owner);
        var pages = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .ToDictionary(e => "/" + e.RoutePattern.RawText!.TrimStart('/'), e => e.Metadata.GetMetadata<OutputCacheAttribute>());
        Assert.Equal(PublicPages.Order(StringComparer.Ordinal), pages.Where(p => p.Value is not null).Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(pages.Values.OfType<OutputCacheAttribute>(), cache => Assert.Equal(PublicPageCaching.Policy, cache.PolicyName));

        var answers = new List<string>();
        foreach (var page in pages.Keys)
        {
            // A value for every route parameter: the demo campaign where one exists, a token nobody holds elsewhere.
            var path = RouteParameter().Replace(page, parameter => parameter.Groups[1].Value switch
            {
                "lang" or "language" => "en",
                "org" => RalliementApp.DemoOrganisation,
                "slug" => RalliementApp.Slug,
                "id" => campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "token" => "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "code" => "404",
                _ => "1",
            });
            var response = await owner.GetAsync(path);
            var noStore = response.Headers.CacheControl?.NoStore == true;
            answers.Add($"{page} {(int)response.StatusCode} {(noStore ? "no-store" : response.Headers.CacheControl?.ToString() ?? "-")}");
            if (PublicPages.Contains(page))
            {
                // A public page that is not found answers the error page, which is private.
                Assert.False(noStore && response.StatusCode == HttpStatusCode.OK, page);
            }
            else if (response.StatusCode != HttpStatusCode.MethodNotAllowed)
            {
                Assert.True(noStore || page.EndsWith("/logo", StringComparison.Ordinal), string.Join("\n", answers));
            }
        }
        // The organiser's pages and the signer's private ones, each at least once.
        Assert.True(answers.Count(a => a.EndsWith("no-store", StringComparison.Ordinal)) >= 30, string.Join("\n", answers));
        Assert.True(answers.Count(a => a.Contains(" 200 ", StringComparison.Ordinal) && !a.EndsWith("no-store", StringComparison.Ordinal)) >= 9, string.Join("\n", answers));

        // With a real token, the signer's pages answer themselves, not the error page.
        var email = RalliementApp.UniqueEmail("private");
        await _app.SignAsync(RalliementApp.Form(email));
        var mail = await _app.EmailToAsync(email);
        foreach (var link in new[] { RalliementApp.LinkIn(mail, "confirm"), RalliementApp.LinkIn(mail, "withdraw") })
        {
            var response = await owner.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, link);
        }
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
