using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ralliement.BrowserTests;

public sealed class SobrietyTests(BrowserHost host, ITestOutputHelper output) : IClassFixture<BrowserHost>
{
    private const int Budget = 30 * 1024;

    /// <summary>The page, its stylesheet, and one image at most (the campaign's logo or the site's icon).</summary>
    private const int MaxRequests = 3;

    [Theory]
    [InlineData("/fr/c/objection-ia-generative")]
    [InlineData("/en/c/objection-ia-generative")]
    public async Task The_first_view_of_a_campaign_page_weighs_at_most_30_KB_in_at_most_3_requests_and_loads_nothing_from_elsewhere(string path)
    {
        await using var context = await host.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        var requests = new List<IRequest>();
        var responses = new List<IResponse>();
        page.Request += (_, request) => requests.Add(request);
        page.Response += (_, response) => responses.Add(response);

        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });

        // Checked before any size is read: a request to another host may never be answered here.
        var elsewhere = requests.Select(r => r.Url).Where(url => !url.StartsWith(host.BaseUrl + "/", StringComparison.Ordinal));
        Assert.Empty(elsewhere);
        Assert.Equal(requests.Count, responses.Count);

        var total = 0L;
        foreach (var response in responses)
        {
            var sizes = await response.Request.SizesAsync();
            var bytes = sizes.ResponseHeadersSize + sizes.ResponseBodySize;
            total += bytes;
            output.WriteLine($"{bytes,7} B  {response.Status}  {response.Url}");
        }
        output.WriteLine($"{total,7} B  in {responses.Count} requests");
        Assert.InRange(total, 1, Budget);
        Assert.InRange(responses.Count, 1, MaxRequests);
    }
}
