using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ralliement.BrowserTests;

public sealed class SobrietyTests(BrowserHost host, ITestOutputHelper output) : IClassFixture<BrowserHost>
{
    private const int Budget = 30 * 1024;

    [Theory]
    [InlineData("/fr/c/objection-ia-generative")]
    [InlineData("/en/c/objection-ia-generative")]
    public async Task The_first_view_of_a_campaign_page_weighs_at_most_30_KB_and_loads_nothing_from_elsewhere(string path)
    {
        await using var context = await host.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        var requests = new List<IRequest>();
        page.RequestFinished += (_, request) => requests.Add(request);
        page.RequestFailed += (_, request) => requests.Add(request);

        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });

        var total = 0L;
        foreach (var request in requests)
        {
            var sizes = await request.SizesAsync();
            var bytes = sizes.ResponseHeadersSize + sizes.ResponseBodySize;
            total += bytes;
            output.WriteLine($"{bytes,7} B  {request.Url}");
            Assert.StartsWith(host.BaseUrl + "/", request.Url, StringComparison.Ordinal);
        }
        output.WriteLine($"{total,7} B  in {requests.Count} requests");
        Assert.InRange(total, 1, Budget);
    }
}
