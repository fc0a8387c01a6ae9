using Microsoft.Playwright;

namespace Ralliement.BrowserTests;

/// <summary>A developer pastes the reference page's snippet into their own site, and the count shows there.</summary>
public sealed class ApiCountTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task The_snippet_of_the_api_reference_shows_the_live_count_on_a_site_of_another_origin()
    {
        await host.ChangeDemoCampaignAsync(c => c.SignatureCount = 1234);
        await using var context = await host.NewContextAsync(javaScript: true);
        var reference = await context.NewPageAsync();
        await reference.GotoAsync("/en/api");
        var snippet = await reference.Locator("#count-html").InputValueAsync();
        await using var site = await OtherSite.StartAsync(snippet);
        var page = await context.NewPageAsync();

        await page.GotoAsync(site.Url);

        await Assertions.Expect(page.Locator("#ralliement-count")).ToHaveTextAsync("1,234");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "1,234 signatures" })).ToHaveAttributeAsync("href", $"{host.BaseUrl}/en/c/{Demo.DemoCampaign.Slug}");
    }
}
