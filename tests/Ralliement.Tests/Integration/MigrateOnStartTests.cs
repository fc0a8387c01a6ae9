using System.Net;
using Ralliement.Admin;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>
/// <c>Database:MigrateOnStart=false</c>: a node starts without migrating, for operators who run
/// <c>migrate</c> themselves; until they do, a proxy asking <c>/readyz</c> keeps traffic away from it.
/// </summary>
[BothDatabases]
public sealed class MigrateOnStartTests : IDisposable
{
    private readonly RalliementApp _app = new() { StartsOnEmptyDatabase = true };
    private readonly StringWriter _errors = new();
    private readonly MemoryStream _standardOutput = new();

    public MigrateOnStartTests() => _app.Settings["Database:MigrateOnStart"] = "false";

    public void Dispose()
    {
        _app.Dispose();
        _errors.Dispose();
        _standardOutput.Dispose();
    }

    private async Task<HttpStatusCode> StatusOfAsync(string path)
    {
        using var client = _app.Browser();
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_node_told_not_to_migrate_starts_alive_but_not_ready_and_says_why_once()
    {
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync("/healthz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusOfAsync("/readyz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusOfAsync("/readyz"));

        var warning = Assert.Single(_app.Log.From("Ralliement.Data"));
        Assert.Contains("Database:MigrateOnStart is false", warning, StringComparison.Ordinal);
        Assert.Empty((await _app.Services.ReadMigrationsAsync()).Applied);
    }

    [Fact]
    public async Task The_node_is_ready_once_migrate_has_run()
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusOfAsync("/readyz"));

        Assert.Equal(0, await AdminCommands.RunAsync(["migrate", .. RalliementProcess.SettingsOf(_app)], () => _standardOutput, _errors));

        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync("/readyz"));
    }
}
