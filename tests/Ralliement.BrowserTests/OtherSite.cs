using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ralliement.BrowserTests;

/// <summary>
/// Someone else's web site: one page served on 127.0.0.1 from a port of its own, so another origin
/// than Ralliement's, as a page that frames the display kit's card is.
/// </summary>
public sealed class OtherSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtherSite(WebApplication app, string url) => (_app, Url) = (app, url);

    /// <summary>The address of its one page.</summary>
    public string Url { get; }

    public static async Task<OtherSite> StartAsync(string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var page = $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Another site</title></head><body style=\"margin:0\">{body}</body></html>";
        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        await app.StartAsync();
        return new OtherSite(app, app.Urls.First().TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
