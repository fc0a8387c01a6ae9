using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Ralliement.BrowserTests;

/// <summary>
/// In Chromium, a page of another origin frames the display kit's card and it shows, while a frame
/// of the campaign page itself is refused; the card passes axe and fits frames from 260 px wide.
/// </summary>
public sealed class KitCardTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Campaign = "/fr/c/" + Demo.DemoCampaign.Slug;
    private const string Card = Campaign + "/kit/card";

    [Fact]
    public async Task A_site_on_another_origin_frames_the_card_and_it_shows_the_title_and_the_count()
    {
        await host.ChangeDemoCampaignAsync(c => (c.SignatureCount, c.Goal) = (620, 1000));
        await using var site = await OtherSite.StartAsync($"<iframe src=\"{host.BaseUrl}{Card}\" width=\"300\" height=\"200\" title=\"Card\"></iframe>");
        Assert.NotEqual(new Uri(host.BaseUrl).GetLeftPart(UriPartial.Authority), new Uri(site.Url).GetLeftPart(UriPartial.Authority));
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(site.Url);

        var card = page.FrameLocator("iframe");
        await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = await TitleAsync() })).ToBeVisibleAsync();
        await Assertions.Expect(card.Locator(".count strong")).ToHaveTextAsync("620");
        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = "Signer" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_card_s_sign_link_opens_the_campaign_on_its_own_site_in_a_new_tab()
    {
        await using var site = await OtherSite.StartAsync($"<iframe src=\"{host.BaseUrl}{Card}\" width=\"300\" height=\"200\" title=\"Card\"></iframe>");
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url);

        var opened = await context.RunAndWaitForPageAsync(() => page.FrameLocator("iframe").GetByRole(AriaRole.Link, new() { Name = "Signer" }).ClickAsync());

        await opened.WaitForLoadStateAsync();
        Assert.Equal(host.BaseUrl + Campaign, opened.Url);
        await Assertions.Expect(opened.GetByRole(AriaRole.Heading, new() { Name = await TitleAsync(), Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(site.Url, page.Url);
    }

    [Fact]
    public async Task A_site_on_another_origin_cannot_frame_the_campaign_page()
    {
        await using var site = await OtherSite.StartAsync($"<iframe src=\"{host.BaseUrl}{Campaign}\" width=\"600\" height=\"400\" title=\"Campaign\"></iframe>");
        // Without scripts, so the browser keeps to the pages' policies (axe's contexts bypass them).
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        var refusals = new List<string>();
        page.Console += (_, message) => refusals.Add(message.Text);

        await page.GotoAsync(site.Url, new() { WaitUntil = WaitUntilState.Load });

        var frame = page.Frames.Single(f => f != page.MainFrame);
        Assert.DoesNotContain(Campaign, frame.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.FrameLocator("iframe").GetByRole(AriaRole.Heading, new() { Name = await TitleAsync() }).CountAsync());
        Assert.Contains(refusals, text => text.Contains("frame-ancestors 'none'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Card)]
    [InlineData(Card + "?theme=dark")]
    [InlineData("/en/c/" + Demo.DemoCampaign.Slug + "/kit/card?theme=dark")]
    public async Task The_card_has_no_WCAG_AA_violation_and_fits_a_phone(string path)
    {
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync(path);

        await AccessibilityTests.AssertNoViolationsAsync(page);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
    }

    [Theory]
    [InlineData(260, 180, "")]
    [InlineData(300, 200, "?theme=dark")]
    [InlineData(600, 300, "")]
    public async Task The_card_fits_its_frame_without_scrolling(int width, int height, string query)
    {
        await host.ChangeDemoCampaignAsync(c => (c.SignatureCount, c.Goal) = (620, 1000));
        await using var site = await OtherSite.StartAsync($"<iframe src=\"{host.BaseUrl}{Card}{query}\" width=\"{width}\" height=\"{height}\" style=\"border:0\" title=\"Card\"></iframe>");
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url, new() { WaitUntil = WaitUntilState.NetworkIdle });

        var frame = page.Frames.Single(f => f != page.MainFrame);
        var size = await frame.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]");

        Assert.True(size[0] <= width, $"{size[0]} px wide in a frame {width} px wide");
        Assert.True(size[1] <= height, $"{size[1]} px high in a frame {height} px high");
        await Assertions.Expect(page.FrameLocator("iframe").GetByRole(AriaRole.Link, new() { Name = "Signer" })).ToBeInViewportAsync();
    }

    private Task<string> TitleAsync() =>
        host.WithDbAsync(db => db.CampaignTexts.Where(t => t.Language == "fr" && db.Campaigns.Any(c => c.Id == t.CampaignId && c.Slug == Demo.DemoCampaign.Slug)).Select(t => t.Title).SingleAsync());
}
