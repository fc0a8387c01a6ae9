using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>The "display your support" page, its email signature, the fediverse share page, and the links that lead to them.</summary>
public sealed class KitPageTests : IDisposable
{
    private const string Site = "https://petitions.example.org";
    private readonly RalliementApp _app = new();

    public KitPageTests()
    {
        _app.Settings["PublicBaseUrl"] = Site;
    }

    public void Dispose() => _app.Dispose();

    private static string Kit(string language = "fr") => $"/{language}/c/{RalliementApp.Slug}/kit";

    private async Task<HttpResponseMessage> PostSignatureAsync(HttpClient client, string name, string role, string language = "fr") =>
        await client.PostAsync(Kit(language), new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = name, ["Role"] = role }));

    private Task SetKitAsync(bool liveCount = false, string? message = null) => _app.WithDbAsync(async db =>
    {
        var campaign = await db.Campaigns.SingleAsync(c => c.Slug == RalliementApp.Slug);
        campaign.KitShowsLiveCount = liveCount;
        await db.CampaignTexts.Where(t => t.CampaignId == campaign.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.KitMessage, message));
        return await db.SaveChangesAsync();
    });

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task The_kit_page_offers_every_item_at_absolute_addresses_without_a_cookie_a_script_or_a_token(string language)
    {
        using var client = _app.Browser();

        var response = await client.GetAsync(Kit(language));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("__RequestVerificationToken", page, StringComparison.Ordinal);
        var kit = $"{Site}/{language}/c/{RalliementApp.Slug}/kit";
        foreach (var item in new[]
        {
            $"{kit}/badge.svg?v=", $"[![", $".. image:: {kit}/badge.svg?v=", $":target: {Site}/{language}/c/{RalliementApp.Slug}",
            "https://img.shields.io/endpoint?url=" + Uri.EscapeDataString($"{kit}/badge.json"),
            $"<img src=\"{kit}/badge.png?v=", "<table cellpadding=\"0\"",
            "\\setbeamertemplate{background}{\\includegraphics[width=\\paperwidth,height=\\paperheight]{mark-16x9-light-qr.png}}",
            "\\logo{\\includegraphics[height=1.2cm]{qr.png}}",
            $"<iframe src=\"{kit}/card\"", $"<iframe src=\"{kit}/card?theme=dark\"",
            "sandbox=\"allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation\"",
            $"<img src=\"{kit}/thermometer.png\"",
            "href=\"mailto:?subject=", $"href=\"/{language}/c/{RalliementApp.Slug}/kit/share\"",
        })
        {
            Assert.Contains(item, page, StringComparison.Ordinal);
        }
        // Each download, within the site.
        var marks = new[] { "16x9", "4x3" }.SelectMany(ratio => new[] { "light", "dark", "light-qr", "dark-qr" }
            .SelectMany(shade => new[] { $"mark-{ratio}-{shade}.svg", $"mark-{ratio}-{shade}.png" }));
        foreach (var file in new[] { "badge.svg", "badge.png", "badge@2x.png", "qr.svg", "qr.png" }.Concat(marks))
        {
            Assert.Contains($"href=\"/{language}/c/{RalliementApp.Slug}/kit/{file}?v=", page, StringComparison.Ordinal);
            Assert.Contains($"download=\"{file}\"", page, StringComparison.Ordinal);
        }
        // No tracking parameter on any link to the campaign.
        Assert.DoesNotContain("utm_", page, StringComparison.Ordinal);
        Assert.Contains("frame-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_badge_is_offered_only_when_the_organisers_allow_the_count_in_badges()
    {
        using var client = _app.Browser();
        Assert.DoesNotContain("badge-count.svg", await client.GetStringAsync(Kit()), StringComparison.Ordinal);

        await SetKitAsync(liveCount: true);

        var page = await client.GetStringAsync(Kit());
        Assert.Contains($"{Site}/fr/c/{RalliementApp.Slug}/kit/badge-count.svg", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/fr/c/{RalliementApp.Slug}/kit/badge-count@2x.png\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mail_link_carries_the_organisers_sentence_then_the_link_escaped()
    {
        await SetKitAsync(message: "Signez & partagez !");
        using var client = _app.Browser();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(Kit()));

        Assert.Contains("&body=" + Uri.EscapeDataString($"Signez & partagez !\r\n{Site}/fr/c/{RalliementApp.Slug}") + "\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signature_form_answers_the_block_with_the_name_and_role_escaped_and_stores_nothing()
    {
        var before = await RowsAsync();
        using var client = _app.Browser();

        var response = await PostSignatureAsync(client, "Zoé <b>Durand</b>", "Chercheuse & \"co\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var page = await response.Content.ReadAsStringAsync();
        // Shown as it looks, each part escaped once by the page…
        Assert.Contains("<strong>Zoé &lt;b&gt;Durand&lt;/b&gt;</strong><br>Chercheuse &amp; &quot;co&quot;</td>", page, StringComparison.Ordinal);
        // …and as source to copy, escaped by the block and again by the text box.
        Assert.Contains("&lt;strong&gt;Zoé &amp;lt;b&amp;gt;Durand&amp;lt;/b&amp;gt;&lt;/strong&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Durand", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Zoé &lt;b&gt;Durand&lt;/b&gt;\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task Two_visitors_posting_their_names_each_get_their_own_block_even_with_the_page_cached()
    {
        using var app = new RalliementApp();
        app.Settings["Caching:PublicPages"] = "00:01:00";
        using var client = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Kit())).StatusCode);

        var first = await (await client.PostAsync(Kit(), new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "Prune Martin", ["Role"] = "" }))).Content.ReadAsStringAsync();
        var second = await (await client.PostAsync(Kit(), new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "Quentin Roux", ["Role"] = "" }))).Content.ReadAsStringAsync();
        var cached = await client.GetStringAsync(Kit());

        Assert.Contains("Prune Martin", first, StringComparison.Ordinal);
        Assert.Contains("Quentin Roux", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Prune Martin", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Quentin Roux", cached, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_too_long_is_refused_with_a_message_and_kept_in_the_form()
    {
        using var client = _app.Browser();
        var name = new string('a', 61);

        var response = await PostSignatureAsync(client, name, "Chercheuse", "en");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("60 characters at most.", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{name}\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Chercheuse\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cross_site_post_of_the_signature_form_is_refused()
    {
        using var client = _app.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Post, Kit())
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "Ana" }),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("mastodon.social")]
    [InlineData("https://mastodon.social/")]
    [InlineData("@alice@mastodon.social")]
    public async Task The_share_page_sends_a_valid_instance_to_its_share_page_with_the_sentence_and_the_link(string instance)
    {
        await SetKitAsync(message: "Signez & partagez !");
        using var client = _app.Browser();

        var response = await client.GetAsync($"{Kit()}/share?instance={Uri.EscapeDataString(instance)}");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("https://mastodon.social/share?text=" + Uri.EscapeDataString($"Signez & partagez ! {Site}/fr/c/{RalliementApp.Slug}"),
            response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("fr", "Indiquez le nom d’une instance")]
    [InlineData("en", "Give the name of an instance")]
    public async Task The_share_page_refuses_what_is_not_an_instance_with_a_message_and_keeps_it(string language, string message)
    {
        using var client = _app.Browser();

        var response = await client.GetAsync($"{Kit(language)}/share?instance={Uri.EscapeDataString("javascript:alert(1)")}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.Contains("value=\"javascript:alert(1)\"", page, StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task The_share_page_asks_for_the_instance_names_the_software_and_lets_its_form_lead_to_it()
    {
        using var client = _app.Browser();

        var response = await client.GetAsync($"{Kit("en")}/share");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"get\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"instance\"", page, StringComparison.Ordinal);
        Assert.Contains("Mastodon", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("form-action 'self' https:", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Unknown_campaigns_have_no_kit_and_no_share_page()
    {
        using var client = _app.Browser();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fr/c/no-such-campaign/kit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fr/c/no-such-campaign/kit/share?instance=mastodon.social")).StatusCode);
    }

    [Fact]
    public async Task The_confirmation_email_and_the_confirmed_page_lead_to_the_kit()
    {
        var email = RalliementApp.UniqueEmail("kit");
        await _app.SignAsync(RalliementApp.Form(email));
        var mail = await _app.EmailToAsync(email);

        Assert.Contains($"{Site}/fr/c/{RalliementApp.Slug}/kit", mail.TextBody, StringComparison.Ordinal);
        var confirmed = await (await _app.ConfirmAsync(mail)).Content.ReadAsStringAsync();
        var again = await (await _app.ConfirmAsync(mail)).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/fr/c/{RalliementApp.Slug}/kit\"", confirmed, StringComparison.Ordinal);
        Assert.Contains($"href=\"/fr/c/{RalliementApp.Slug}/kit\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_confirmation_link_does_not_lead_to_the_kit()
    {
        using var client = _app.Browser();

        var response = await client.GetAsync("/fr/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("/kit\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "Afficher votre soutien", "Badges, carte et partage")]
    [InlineData("en", "Display your support", "Badges, card and sharing")]
    public async Task The_campaign_page_links_to_the_kit_and_the_privacy_notice_says_what_it_keeps(string language, string link, string heading)
    {
        using var client = _app.Browser();

        var campaign = await client.GetStringAsync($"/{language}/c/{RalliementApp.Slug}");
        var privacy = await client.GetStringAsync($"/{language}/c/{RalliementApp.Slug}/privacy");

        Assert.Contains($"<a href=\"/{language}/c/{RalliementApp.Slug}/kit\">{link}</a>", campaign, StringComparison.Ordinal);
        Assert.Contains(heading, privacy, StringComparison.Ordinal);
        Assert.Contains("Referer", privacy, StringComparison.Ordinal);
    }

    /// <summary>Every table a visitor's post could have written to.</summary>
    private Task<string> RowsAsync() => _app.WithDbAsync(async db => string.Join(",",
        await db.Signatures.CountAsync(), await db.Outbox.CountAsync(), await db.AuditLog.CountAsync(), await db.ConfirmationTokens.CountAsync(),
        await db.SignatureFieldValues.CountAsync(), await db.SpentProofs.CountAsync(), await db.CampaignTexts.CountAsync(c => c.KitMessage != null)));
}
