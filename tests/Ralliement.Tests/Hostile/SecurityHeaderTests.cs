using System.Net;
using Ralliement.Data;
using Ralliement.Tests.Organisers;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Hostile;

/// <summary>
/// The security headers on every GET endpoint the app maps (public pages as a visitor, organiser pages
/// as the owner, downloads included), and on refusals and error pages: 404, 405, 400, 413, 403. The
/// handful of public pages checked in PagesAndSecurityTests are here extended to every route, read
/// from the fuzz test's table so that a new page is covered as soon as it is fuzzed.
/// </summary>
public sealed class SecurityHeaderTests(AuthorisationMatrixTests.World world) : IClassFixture<AuthorisationMatrixTests.World>
{
    public static TheoryData<string> Patterns() => new(FuzzedEndpoints.Senders.Keys);

    [Theory]
    [MemberData(nameof(Patterns))]
    public async Task Every_get_endpoint_carries_the_security_headers(string pattern)
    {
        using var visitor = FuzzedEndpoints.Senders[pattern] == Sender.Visitor ? world.App.Browser() : null;
        var client = visitor ?? world.Members[OrganisationRole.Owner];
        var path = world.PathOf(pattern).Replace("{slug}", RalliementApp.Slug, StringComparison.Ordinal)
            .Replace("{token}", new string('A', 43), StringComparison.Ordinal).Replace("{version:int}", "1", StringComparison.Ordinal)
            .Replace("{code:int}", "404", StringComparison.Ordinal);
        using var response = await client.GetAsync(path);
        AssertSecurityHeaders(response, $"GET {path}", anySiteMayFrame: pattern == FramedByAnySite);
    }

    /// <summary>The one page other sites may frame: the display kit's card (Shared/PolicyAllowsAttribute.cs).</summary>
    private const string FramedByAnySite = "{lang:lang}/c/{slug}/kit/card";

    [Theory]
    [InlineData("GET", "/fr/nulle-part", 404)]
    [InlineData("GET", "/en/c/no-such-campaign/signatories", 404)]
    [InlineData("PUT", "/fr/c/objection-ia-generative", 405)]
    [InlineData("POST", "/fr/organiser/login", 400)]
    [InlineData("POST", "/fr/c/objection-ia-generative/sign?big", 413)]
    [InlineData("POST", "/fr/c/objection-ia-generative/sign?cross-site", 403)]
    [InlineData("GET", "/error/500", 404)]
    public async Task Refusals_and_error_pages_carry_them_too(string method, string path, int status)
    {
        using var client = world.App.Browser();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = new StringContent(path.EndsWith("?big", StringComparison.Ordinal) ? new string('x', 70 * 1024) : "a=b", null, "application/x-www-form-urlencoded");
        }
        if (path.EndsWith("?cross-site", StringComparison.Ordinal))
        {
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
        }
        using var response = await client.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        AssertSecurityHeaders(response, $"{method} {path}");
    }

    [Fact]
    public async Task A_server_error_page_carries_them()
    {
        using var app = new RalliementApp();
        using var client = app.Browser();
        app.Clock.Broken = true;
        using var response = await client.GetAsync($"/fr/c/{RalliementApp.Slug}");
        app.Clock.Broken = false;
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertSecurityHeaders(response, "the 500 page");
    }

    /// <summary>
    /// Scripts only from the site itself (no inline script, no eval), no framing (but the card, framed
    /// by any site and by nothing else), no MIME sniffing, no referrer to other sites, and no powerful
    /// browser feature.
    /// </summary>
    private static void AssertSecurityHeaders(HttpResponseMessage response, string what, bool anySiteMayFrame = false)
    {
        var csp = Header(response, "Content-Security-Policy", what);
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d, StringComparer.Ordinal);
        var scripts = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src") ?? "";
        Assert.True(scripts.Length > 0, $"{what}: the policy does not restrict scripts ({csp})");
        Assert.DoesNotContain("'unsafe-inline'", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("*", scripts, StringComparison.Ordinal);
        if (anySiteMayFrame)
        {
            Assert.Equal("frame-ancestors *", directives.GetValueOrDefault("frame-ancestors"));
            Assert.False(response.Headers.Contains("X-Frame-Options"), $"{what}: X-Frame-Options would forbid what the policy allows");
        }
        else
        {
            Assert.True(directives.GetValueOrDefault("frame-ancestors") == "frame-ancestors 'none'" || response.Headers.Contains("X-Frame-Options"), $"{what}: may be framed ({csp})");
        }
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options", what));
        Assert.Contains(Header(response, "Referrer-Policy", what), new[] { "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin" });
        var permissions = Header(response, "Permissions-Policy", what);
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()" })
        {
            Assert.Contains(feature, permissions, StringComparison.Ordinal);
        }
    }

    private static string Header(HttpResponseMessage response, string name, string what)
    {
        var values = response.Headers.TryGetValues(name, out var found) ? found : response.Content.Headers.TryGetValues(name, out var content) ? content : null;
        Assert.True(values is not null, $"{what} ({(int)response.StatusCode}): no {name} header");
        return string.Join(", ", values);
    }
}
