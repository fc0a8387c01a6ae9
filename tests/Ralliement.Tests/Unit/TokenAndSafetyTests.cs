using Microsoft.AspNetCore.Http;
using Ralliement.Campaigns;
using Ralliement.Shared;

namespace Ralliement.Tests.Unit;

public sealed class TokenAndSafetyTests
{
    [Fact]
    public void Tokens_carry_256_random_bits_and_only_their_hash_identifies_them()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => SecretTokens.Create()).ToList();

        Assert.All(tokens, t => Assert.Equal(SecretTokens.Length, t.Token.Length));
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t.Token));
        Assert.Equal(1000, tokens.Select(t => t.Token).Distinct().Count());
        Assert.All(tokens, t => Assert.Equal(t.Hash, SecretTokens.HashOf(t.Token)));
        Assert.All(tokens, t => Assert.DoesNotContain(t.Token, Convert.ToBase64String(t.Hash), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/")]
    public void Text_that_cannot_be_a_token_has_no_hash(string? text) => Assert.Null(SecretTokens.HashOf(text));

    [Fact]
    public void Markdown_is_rendered_and_its_markup_sanitised()
    {
        var html = CampaignMarkdown.ToSafeHtml("# Title\n\n**bold** <script>alert(1)</script> [x](javascript:alert(1)) <img src=\"https://tracker.example/p.gif\"> <a href=\"https://example.org\" onclick=\"x()\">ok</a>");

        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://example.org\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("same-origin", null, false)]
    [InlineData("none", null, false)]
    [InlineData("cross-site", null, true)]
    [InlineData("same-site", null, true)]
    [InlineData(null, "http://ralliement.test", false)]
    [InlineData(null, "http://RALLIEMENT.test", false)]
    [InlineData(null, "http://ralliement.test.evil.example", true)]
    [InlineData(null, "null", true)]
    [InlineData(null, null, false)]
    public void Cross_site_requests_are_recognised(string? fetchSite, string? origin, bool crossSite)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString("ralliement.test");
        if (fetchSite is not null)
        {
            context.Request.Headers["Sec-Fetch-Site"] = fetchSite;
        }
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        Assert.Equal(crossSite, WebSecurity.IsCrossSite(context.Request));
    }

    [Theory]
    [InlineData("/fr/c/x/sign", "en", "/en/c/x/sign")]
    [InlineData("/en/", "fr", "/fr/")]
    [InlineData("/fr", "en", "/en/")]
    [InlineData("/error/404", "en", "/en/")]
    public void The_language_switch_keeps_the_page(string path, string language, string expected) =>
        Assert.Equal(expected, Languages.Switch(path, language));
}
