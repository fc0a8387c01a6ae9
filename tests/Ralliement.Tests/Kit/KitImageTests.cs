using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Kit;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.Kit;

public sealed class KitImageTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task Every_image_of_the_kit_has_the_size_it_announces_and_sets_no_cookie()
    {
        using var app = new RalliementApp();
        using var visitor = app.Browser();
        var links = await LinksAsync(app, "fr");
        var expected = new List<(string Path, int Width, int Height)>
        {
            (links.Badge(live: false, "png"), 0, 20),
            (links.Badge(live: false, "png", scale: 2), 0, 40),
            (links.Badge(live: true, "png"), 0, 20),
            (links.Badge(live: true, "png", scale: 2), 0, 40),
            (links.Thermometer("png"), 600, 160),
            (links.Preview, 1200, 630),
        };
        foreach (var ratio in new[] { "16x9", "4x3" })
        {
            foreach (var dark in new[] { false, true })
            {
                foreach (var qr in new[] { false, true })
                {
                    expected.Add((links.Mark(ratio, dark, qr, "png"), ratio == "16x9" ? 1920 : 1440, 1080));
                    expected.Add((links.Mark(ratio, dark, qr, "svg"), ratio == "16x9" ? 1920 : 1440, 1080));
                }
            }
        }
        expected.Add((links.Badge(live: false, "svg"), 0, 20));
        expected.Add((links.Badge(live: true, "svg"), 0, 20));
        expected.Add((links.Thermometer("svg"), 600, 160));

        foreach (var (path, width, height) in expected)
        {
            var response = await visitor.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}.");
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} set a cookie.");
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var (actualWidth, actualHeight) = await SizeAsync(response);
            Assert.True(height == actualHeight && (width == 0 || width == actualWidth), $"{path} is {actualWidth}×{actualHeight}.");
        }

        // PNG at 2× is the 1× badge twice as large, and the SVG announces the 1× size.
        var badge = await SizeAsync(await visitor.GetAsync(links.Badge(live: false, "png")));
        Assert.Equal((badge.Width * 2, 40), await SizeAsync(await visitor.GetAsync(links.Badge(live: false, "png", scale: 2))));
        Assert.Equal(badge, await SizeAsync(await visitor.GetAsync(links.Badge(live: false, "svg"))));
        // The QR code prints sharply: at least 1024 pixels a side, square, as in its SVG.
        var qrPng = await SizeAsync(await visitor.GetAsync(links.Qr("png")));
        Assert.True(qrPng.Width >= QrCode.PrintSize && qrPng.Width == qrPng.Height, $"The QR code is {qrPng.Width}×{qrPng.Height}.");
        Assert.Equal(qrPng, await SizeAsync(await visitor.GetAsync(links.Qr("svg"))));
    }

    [Fact]
    public async Task An_SVG_carries_its_words_for_screen_readers_and_a_policy_that_lets_it_run_nothing()
    {
        using var app = new RalliementApp();
        using var visitor = app.Browser();
        var links = await LinksAsync(app, "en");

        var response = await visitor.GetAsync(links.Badge(live: false, "svg"));

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ServeKitImages.SvgContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.EndsWith(": signed", (string?)svg.Attribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal((string?)svg.Attribute("aria-label"), svg.Element(Svg + "title")?.Value);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "signed");
    }

    [Fact]
    public async Task A_fixed_image_asked_for_with_its_version_is_kept_a_year_and_any_image_answers_304_to_its_ETag()
    {
        using var app = new RalliementApp();
        using var visitor = app.Browser();
        var links = await LinksAsync(app, "fr");

        var versioned = await visitor.GetAsync(links.Badge(live: false, "png"));
        var unversioned = await visitor.GetAsync(links.Root + "/badge.png");
        var oldVersion = await visitor.GetAsync(links.Root + "/badge.png?v=0123456789ab");
        var live = await visitor.GetAsync(links.Badge(live: true, "svg"));
        var qr = await visitor.GetAsync(links.Qr("svg"));

        Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl?.ToString());
        Assert.Equal("public, max-age=31536000, immutable", qr.Headers.CacheControl?.ToString());
        // The others are kept as public pages are; these tests turn that cache off.
        Assert.Equal("no-cache", unversioned.Headers.CacheControl?.ToString());
        Assert.Equal("no-cache", oldVersion.Headers.CacheControl?.ToString());
        Assert.Equal("no-cache", live.Headers.CacheControl?.ToString());
        Assert.NotNull(versioned.Content.Headers.LastModified);
        var tag = versioned.Headers.ETag!;
        Assert.False(tag.IsWeak);
        Assert.Equal(tag, unversioned.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, links.Badge(live: true, "svg"));
        again.Headers.IfNoneMatch.Add(live.Headers.ETag!);
        var notModified = await visitor.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(live.Headers.ETag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        using var other = new HttpRequestMessage(HttpMethod.Get, links.Badge(live: true, "svg"));
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, (await visitor.SendAsync(other)).StatusCode);
        using var head = new HttpRequestMessage(HttpMethod.Head, links.Badge(live: false, "png"));
        var headers = await visitor.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, headers.StatusCode);
        Assert.Equal(tag, headers.Headers.ETag);
        Assert.Empty(await headers.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task With_public_pages_cached_a_badge_is_served_from_the_output_cache_with_its_headers_and_no_cookie()
    {
        using var app = new RalliementApp();
        app.Settings["Caching:PublicPages"] = "00:00:10";
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var links = await LinksAsync(app, "fr");
        await SetAsync(app, liveCount: true, count: 7);

        var first = await editor.GetAsync(links.Badge(live: true, "svg"));
        var second = await editor.GetAsync(links.Badge(live: true, "svg"));
        using var again = new HttpRequestMessage(HttpMethod.Get, links.Badge(live: true, "svg"));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var notModified = await editor.SendAsync(again);

        Assert.Contains("7 signatures", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal("public, max-age=10, stale-while-revalidate=10", second.Headers.CacheControl?.ToString());
        Assert.Equal(ServeKitImages.SvgContentSecurityPolicy, second.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task The_live_badge_follows_the_count_and_shows_the_fixed_message_once_the_organisers_turn_it_off()
    {
        using var app = new RalliementApp();
        using var visitor = app.Browser();
        var links = await LinksAsync(app, "fr");
        await SetAsync(app, liveCount: true, count: 1234);

        var first = await visitor.GetAsync(links.Badge(live: true, "svg"));
        var json = JsonDocument.Parse(await visitor.GetStringAsync(links.BadgeJson)).RootElement;
        await SetAsync(app, liveCount: true, count: 1235);
        var second = await visitor.GetAsync(links.Badge(live: true, "svg"));
        var secondPng = await SizeAsync(await visitor.GetAsync(links.Badge(live: true, "png")));
        await SetAsync(app, liveCount: false, count: 1236);
        var turnedOff = await visitor.GetStringAsync(links.Badge(live: true, "svg"));
        var turnedOffJson = JsonDocument.Parse(await visitor.GetStringAsync(links.BadgeJson)).RootElement;

        Assert.Contains("1\u202f234 signatures", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("1\u202f234 signatures", json.GetProperty("message").GetString());
        Assert.Contains("1\u202f235 signatures", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(20, secondPng.Height);
        Assert.DoesNotContain("1\u202f236", turnedOff, StringComparison.Ordinal);
        Assert.Equal(await visitor.GetStringAsync(links.Badge(live: false, "svg")), turnedOff);
        Assert.Equal("j’ai signé", turnedOffJson.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_badge_JSON_follows_the_shields_endpoint_schema_in_each_language()
    {
        using var app = new RalliementApp();
        using var visitor = app.Browser();
        await SetAsync(app, liveCount: true, count: 1234);

        var response = await visitor.GetAsync((await LinksAsync(app, "en")).BadgeJson);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal(["schemaVersion", "label", "message", "color"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, json.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("1,234 signatures", json.GetProperty("message").GetString());
        Assert.Matches("^[0-9a-f]{6}$", json.GetProperty("color").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task Markup_in_the_title_and_the_collectives_name_is_written_as_text_in_every_SVG()
    {
        using var app = new RalliementApp();
        using var visitor = app.Browser();
        const string hostile = "<b>&\"'</b><script>alert(1)</script>";
        await app.WithDbAsync(async db =>
        {
            await db.CampaignTexts.Where(t => db.Campaigns.Any(c => c.Id == t.CampaignId && c.Slug == RalliementApp.Slug)).ExecuteUpdateAsync(s => s.SetProperty(t => t.ShortTitle, hostile).SetProperty(t => t.Title, hostile + " titre"));
            return await db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation).ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, hostile));
        });
        var links = await LinksAsync(app, "fr");

        foreach (var path in new[] { links.Badge(live: false, "svg"), links.Badge(live: true, "svg"), links.Mark("16x9", dark: false, qr: true, "svg"), links.Thermometer("svg") })
        {
            var text = await visitor.GetStringAsync(path);
            var svg = XDocument.Parse(text).Root!;
            Assert.Empty(svg.Descendants(Svg + "script"));
            Assert.Empty(svg.Descendants(Svg + "b"));
            Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value.StartsWith("<b>&\"'</b>", StringComparison.Ordinal));
            Assert.StartsWith("<b>&\"'</b>", (string?)svg.Attribute("aria-label"), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(links.Preview)).StatusCode);
    }

    [Fact]
    public async Task A_draft_an_unknown_campaign_an_unknown_file_and_a_language_not_offered_are_not_found()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        using var visitor = app.Browser();
        await CreateDraftAsync(editor, "brouillon");

        foreach (var path in new[]
        {
            "/fr/c/brouillon/kit/badge.svg", "/fr/c/brouillon/kit/preview.png", "/fr/c/inconnue/kit/badge.png",
            $"/fr/c/{RalliementApp.Slug}/kit/badge@3x.png", $"/fr/c/{RalliementApp.Slug}/kit/badge@2x.svg", $"/fr/c/{RalliementApp.Slug}/kit/mark-1x1-light.png",
            $"/fr/c/{RalliementApp.Slug}/kit/../logo.png", $"/de/c/{RalliementApp.Slug}/kit/badge.svg", $"/fr/c/{RalliementApp.Slug}/kit/thermometer.json",
        })
        {
            var response = await visitor.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}.");
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} set a cookie.");
        }
    }

    [Fact]
    public async Task An_editor_previews_the_kit_of_a_draft_that_other_organisations_and_visitors_cannot_see()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        using var other = await app.SignedInAsync(OrganisationRole.Owner, await app.OrganisationAsync("autre-collectif"));
        using var visitor = app.Browser();
        var id = await CreateDraftAsync(editor, "brouillon", "Texte en préparation");
        var own = $"{Campaign(id)}/kit/badge.svg";

        var preview = await editor.GetAsync(own);
        var preview2x = await SizeAsync(await editor.GetAsync($"{Campaign(id)}/kit/badge@2x.png"));
        var fromOther = await other.GetAsync($"/fr/organiser/autre-collectif/campaigns/{id}/kit/badge.svg");
        var wrongPath = await other.GetAsync(own);
        var anonymous = await visitor.GetAsync(own);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.True(preview.Headers.CacheControl is { Private: true, NoCache: true, Public: false, MaxAge: null }, preview.Headers.CacheControl?.ToString());
        Assert.Contains("Texte en préparation", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(40, preview2x.Height);
        Assert.Equal(HttpStatusCode.NotFound, fromOther.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, wrongPath.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.NotEqual("image/svg+xml", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_link_preview_is_drawn_again_at_most_once_a_minute()
    {
        using var app = new RalliementApp();
        using var visitor = app.Browser();
        var links = await LinksAsync(app, "fr");

        var first = await visitor.GetAsync(links.Preview);
        await SetAsync(app, liveCount: false, count: 500);
        var soon = await visitor.GetAsync(links.Preview);
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var later = await visitor.GetAsync(links.Preview);

        Assert.Equal((1200, 630), await SizeAsync(first));
        Assert.Equal(first.Headers.ETag, soon.Headers.ETag);
        Assert.NotEqual(first.Headers.ETag, later.Headers.ETag);
        Assert.Equal("no-cache", later.Headers.CacheControl?.ToString());
    }

    private static async Task<KitLinks> LinksAsync(RalliementApp app, string language)
    {
        var view = await app.WithAsync<Ralliement.Campaigns.ReadCampaign, Ralliement.Campaigns.ReadCampaign.View?>(read => read.HandleAsync(RalliementApp.Slug, language, CancellationToken.None));
        return KitLinks.For(view!);
    }

    private static Task<int> SetAsync(RalliementApp app, bool liveCount, int count) =>
        app.WithDbAsync(db => db.Campaigns.Where(c => c.Slug == RalliementApp.Slug)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.KitShowsLiveCount, liveCount).SetProperty(c => c.SignatureCount, count)));

    /// <summary>The size a PNG's header or an SVG's root element announces.</summary>
    internal static async Task<(int Width, int Height)> SizeAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.Content.Headers.ContentType?.MediaType == "image/png")
        {
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
            return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        }
        var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes)).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        return ((int)svg.Attribute("width")!, (int)svg.Attribute("height")!);
    }
}
