namespace Ralliement.BrowserTests;

public sealed class KitPageTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Kit = "/fr/c/objection-ia-generative/kit";

    [Theory]
    [InlineData("mastodon.social")]
    [InlineData("@alice@mastodon.social")]
    public async Task The_fediverse_form_takes_the_visitor_to_their_instance_share_page_past_the_site_policy(string instance)
    {
        await using var context = await host.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Kit);
        await page.ClickAsync($"a[href='{Kit}/share']");
        await page.FillAsync("#f-instance", instance);

        // The instance is not reachable from here: that the browser asks for it is what counts, as its
        // content security policy would otherwise hold the form's redirect back.
        var request = await page.RunAndWaitForRequestAsync(() => page.ClickAsync("button[type=submit]"),
            r => r.Url.StartsWith("https://mastodon.social/share?text=", StringComparison.Ordinal));

        Assert.Contains("objection-ia-generative", Uri.UnescapeDataString(request.Url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_types_a_name_and_gets_their_signature_without_javascript()
    {
        await using var context = await host.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Kit);

        await page.FillAsync("#f-Name", "Zoé <Durand>");
        await page.FillAsync("#f-Role", "Maîtresse de conférences");
        await page.ClickAsync("form[action$='/kit#signature'] button[type=submit]");

        Assert.Equal("Zoé <Durand>", await page.Locator(".signature-preview strong").InnerTextAsync());
        Assert.Contains("<strong>Zoé &lt;Durand&gt;</strong>", await page.Locator("#signature-html").InputValueAsync(), StringComparison.Ordinal);
        Assert.EndsWith("#signature", page.Url, StringComparison.Ordinal);
    }
}
