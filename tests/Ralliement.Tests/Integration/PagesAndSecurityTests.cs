using System.Net;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

public sealed class PagesAndSecurityTests(RalliementApp app) : IClassFixture<RalliementApp>
{
    [Fact]
    public async Task The_front_door_leads_to_the_demo_manifesto_in_French()
    {
        using var client = app.Browser();
        var root = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);

        var page = await client.GetStringAsync(root.Headers.Location);
        Assert.Contains("<html lang=\"fr\">", page, StringComparison.Ordinal);
        Assert.Contains("IA générative", page, StringComparison.Ordinal);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(page, "name=\"Commitments\"").Count);
    }

    [Fact]
    public async Task The_language_switch_leads_to_the_same_page_in_English()
    {
        using var client = app.Browser();
        var french = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}");
        Assert.Contains($"href=\"/en/c/{RalliementApp.Slug}\" hreflang=\"en\"", french, StringComparison.Ordinal);

        var english = await client.GetStringAsync($"/en/c/{RalliementApp.Slug}");
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("generative AI", english, StringComparison.Ordinal);
        Assert.Contains("Show my name in the public list", english, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/fr/")]
    [InlineData("/fr/c/objection-ia-generative")]
    [InlineData("/en/c/objection-ia-generative/sign")]
    [InlineData("/fr/c/objection-ia-generative/signatories")]
    [InlineData("/fr/c/objection-ia-generative/privacy")]
    [InlineData("/fr/c/objection-ia-generative/check-your-inbox")]
    [InlineData("/fr/no-such-page")]
    public async Task Every_page_carries_the_security_headers(string path)
    {
        using var client = app.Browser();
        var response = await client.GetAsync(path);

        Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        // The one script is the signing form's proof of work, from this site (see ProofOfWork/).
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task The_public_campaign_page_sets_no_cookie_and_no_script_but_the_proof_of_work()
    {
        using var client = app.Browser();
        var response = await client.GetAsync($"/fr/c/{RalliementApp.Slug}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(["<script src=\"/proof-of-work.js?v="], System.Text.RegularExpressions.Regex.Matches(page, "<script[^>]*?v=", System.Text.RegularExpressions.RegexOptions.IgnoreCase).Select(m => m.Value));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "<script", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        Assert.DoesNotContain("__RequestVerificationToken", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cross-site", null)]
    [InlineData("same-site", null)]
    [InlineData(null, "https://attacker.example")]
    [InlineData(null, "null")]
    public async Task A_cross_site_post_of_the_signing_form_is_refused(string? fetchSite, string? origin)
    {
        using var client = app.Browser();
        var email = RalliementApp.UniqueEmail("forged");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/fr/c/{RalliementApp.Slug}/sign")
        {
            Content = new FormUrlEncodedContent(RalliementApp.Form(email)),
        };
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("envoyé depuis un autre site", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.WaitForQueuedEmailsAsync();
        Assert.Empty(app.EmailsTo(email));
    }

    [Fact]
    public async Task A_same_origin_post_from_a_browser_is_accepted()
    {
        using var client = app.Browser();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/fr/c/{RalliementApp.Slug}/sign")
        {
            Content = new FormUrlEncodedContent(RalliementApp.Form(RalliementApp.UniqueEmail())),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", app.Address.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.SeeOther, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("/fr/nowhere", "Page introuvable", "fr")]
    [InlineData("/en/nowhere", "Page not found", "en")]
    [InlineData("/en/c/no-such-campaign", "Page not found", "en")]
    [InlineData("/de/c/objection-ia-generative", "Page introuvable", "fr")]
    public async Task A_missing_page_gets_a_404_page_in_the_language_of_its_path(string path, string title, string language)
    {
        using var client = app.Browser();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>{title}</h1>", page, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?before=abc")]
    [InlineData("?after=-5")]
    [InlineData("?before=99999999999999999999999")]
    [InlineData("?q=%3Cscript%3Ealert(1)%3C/script%3E")]
    [InlineData("?q=%27%20OR%201=1%20--")]
    public async Task Odd_list_parameters_show_a_page_not_an_error(string query)
    {
        using var client = app.Browser();
        var response = await client.GetAsync($"/fr/c/{RalliementApp.Slug}/signatories{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT", "/en/c/objection-ia-generative/sign")]
    [InlineData("DELETE", "/fr/c/objection-ia-generative")]
    [InlineData("PATCH", "/fr/withdraw/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Methods_the_site_does_not_use_get_405(string method, string path)
    {
        using var client = app.Browser();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("x") });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("Action", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_page_asked_for_directly_is_a_404()
    {
        using var client = app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/error/500")).StatusCode);
    }

    [Fact]
    public async Task The_privacy_notice_names_the_controller_the_legal_basis_and_the_retention()
    {
        using var client = app.Browser();
        var page = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}/privacy");

        Assert.Contains("Collectif de démonstration", page, StringComparison.Ordinal);
        Assert.Contains("article 9", page, StringComparison.Ordinal);
        Assert.Contains("12 mois", page, StringComparison.Ordinal);
    }
}

public sealed class ServerErrorTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_server_error_shows_a_plain_page_without_a_stack_trace()
    {
        using var client = _app.Browser();
        _app.Clock.Broken = true;
        try
        {
            var response = await client.GetAsync($"/en/c/{RalliementApp.Slug}");

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("Something went wrong", page, StringComparison.Ordinal);
            Assert.DoesNotContain("InvalidOperationException", page, StringComparison.Ordinal);
            Assert.DoesNotContain(" at Ralliement", page, StringComparison.Ordinal);
        }
        finally
        {
            _app.Clock.Broken = false;
        }
    }
}
