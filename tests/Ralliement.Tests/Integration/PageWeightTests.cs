using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;
using Xunit.Abstractions;

namespace Ralliement.Tests.Integration;

/// <summary>
/// The first view of a campaign page, as a browser without JavaScript loads it: the page, then what
/// it references (stylesheets, icons, images, and what the stylesheets import or point to), each
/// fetched once. The browser test in SobrietyTests measures the same in Chromium.
/// </summary>
public sealed partial class PageWeightTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>HTML and CSS as served, uncompressed.</summary>
    private const int Budget = 30 * 1024;

    /// <summary>The page, its stylesheet, and one image: the campaign's logo, or else the site's icon.</summary>
    private const int MaxRequests = 3;

    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task The_first_view_of_a_campaign_page_weighs_at_most_30_KB_in_at_most_3_requests_without_JavaScript(string language)
    {
        // A campaign as shown at its busiest: a logo, a colour of its own, a goal, the latest signatories listed.
        await _app.WithDbAsync(async db =>
        {
            var campaign = await db.Campaigns.Include(c => c.Organisation).SingleAsync(c => c.Slug == RalliementApp.Slug);
            campaign.Organisation.AccentColour = "#1b4d89";
            (campaign.Goal, campaign.NextGoal, campaign.PublishedAt, campaign.ClosesAt) = (10, 1000, new DateTime(2026, 11, 1), new DateTime(2027, 1, 31));
            db.CampaignLogos.Add(new CampaignLogo { CampaignId = campaign.Id, ContentType = "image/png", Content = new byte[2048], UpdatedAt = new DateTime(2026, 11, 2) });
            return await db.SaveChangesAsync();
        });
        for (var i = 0; i < 12; i++)
        {
            await _app.SignatureAsync(SignatureState.Confirmed, firstName: $"Prénom{i}", lastName: "Signataire-de-longue-date");
        }
        using var client = _app.Browser();
        var path = $"/{language}/c/{RalliementApp.Slug}";

        var html = await client.GetByteArrayAsync(path);
        var page = System.Text.Encoding.UTF8.GetString(html);
        var references = ReferencesOf(page);
        var total = (long)html.Length;
        output.WriteLine($"{html.Length,7} B  {path}");
        var fetched = new HashSet<string>(StringComparer.Ordinal);
        var toFetch = new Queue<string>(references);
        while (toFetch.TryDequeue(out var url))
        {
            // A data: address is part of what holds it, not a request.
            if (url.StartsWith("data:", StringComparison.Ordinal) || !fetched.Add(url))
            {
                continue;
            }
            Assert.StartsWith("/", url, StringComparison.Ordinal);
            Assert.False(url.StartsWith("//", StringComparison.Ordinal), $"{url} is on another site");
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsByteArrayAsync();
            output.WriteLine($"{body.Length,7} B  {url}");
            if (response.Content.Headers.ContentType?.MediaType == "text/css")
            {
                total += body.Length;
                foreach (var inner in CssReferences().Matches(System.Text.Encoding.UTF8.GetString(body)).Select(m => m.Groups["url"].Value))
                {
                    toFetch.Enqueue(inner);
                }
            }
        }
        output.WriteLine($"{total,7} B  of HTML and CSS in {1 + fetched.Count} requests");

        Assert.Contains(fetched, url => url.StartsWith("/site.css", StringComparison.Ordinal));
        Assert.Contains(fetched, url => url.StartsWith($"/c/{RalliementApp.Slug}/logo", StringComparison.Ordinal));
        Assert.InRange(total, 1, Budget);
        Assert.InRange(1 + fetched.Count, 1, MaxRequests);
    }

    /// <summary>
    /// What a browser without JavaScript fetches for a page: stylesheets, icons and preloads, images
    /// and other embedded media; the default /favicon.ico when the page names no icon. Scripts are not.
    /// </summary>
    private static List<string> ReferencesOf(string page)
    {
        var references = new List<string>();
        var hasIcon = false;
        foreach (Match tag in Tags().Matches(page))
        {
            var attributes = Attributes().Matches(tag.Value).ToDictionary(a => a.Groups["name"].Value.ToLowerInvariant(), a => WebUtility.HtmlDecode(a.Groups["value"].Value));
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            if (name == "link")
            {
                var rel = attributes.GetValueOrDefault("rel", "").ToLowerInvariant();
                if (rel is "canonical" or "alternate" or "" || !attributes.TryGetValue("href", out var href))
                {
                    continue;
                }
                hasIcon |= rel.Contains("icon", StringComparison.Ordinal);
                references.Add(href);
            }
            else
            {
                references.AddRange(new[] { "src", "poster", "data" }.Select(attributes.GetValueOrDefault).OfType<string>());
                references.AddRange(attributes.GetValueOrDefault("srcset")?.Split(',').Select(s => s.Trim().Split(' ')[0]) ?? []);
            }
        }
        if (!hasIcon)
        {
            references.Add("/favicon.ico");
        }
        return references;
    }

    [GeneratedRegex(@"<(?<name>link|img|source|video|audio|iframe|object|embed|input)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\b(?<name>[a-zA-Z-]+)=""(?<value>[^""]*)""")]
    private static partial Regex Attributes();

    [GeneratedRegex(@"(?:url\(\s*['""]?|@import\s+['""])(?<url>[^'"")]+)")]
    private static partial Regex CssReferences();
}
