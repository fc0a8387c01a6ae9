namespace Ralliement.Bench;

/// <summary>
/// Kestrel with nothing behind it: a plain-text GET and a form POST that only parses its body.
/// What it serves on this machine is the ceiling each Ralliement figure is compared with.
/// </summary>
public sealed class BareServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareServer(WebApplication app, string address) => (_app, Address) = (app, address);

    public string Address { get; }

    public static async Task<BareServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var app = builder.Build();
        app.MapGet("/text", () => Results.Text("Hello, world!"));
        app.MapPost("/form", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return form.ContainsKey("Email") ? Results.StatusCode(StatusCodes.Status303SeeOther) : Results.BadRequest();
        });
        await app.StartAsync();
        return new BareServer(app, app.Urls.First());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
