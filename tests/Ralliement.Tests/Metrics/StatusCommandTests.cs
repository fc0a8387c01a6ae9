using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Admin;
using Ralliement.Data;
using Ralliement.Mail;
using Ralliement.Tests.Integration;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Metrics;

[Collection(nameof(ScrapesAlone))]
public sealed class StatusCommandTests : IDisposable
{
    private readonly RalliementApp _app = new();
    private readonly StringWriter _errors = new();
    private readonly MemoryStream _standardOutput = new();

    public void Dispose()
    {
        _app.Dispose();
        _errors.Dispose();
        _standardOutput.Dispose();
    }

    /// <summary>Runs a command on this app's database; settings given after the command's own override the app's.</summary>
    private Task<int?> RunAsync(params string[] args) =>
        AdminCommands.RunAsync([args[0], .. RalliementProcess.SettingsOf(_app), .. args[1..]], () => _standardOutput, _errors);

    private string Printed => Encoding.UTF8.GetString(_standardOutput.ToArray());

    [Fact]
    [BothDatabases]
    public async Task Status_prints_each_campaigns_signatures_and_the_outbox_and_exits_0_when_all_is_well()
    {
        await _app.SignAndConfirmAsync(RalliementApp.Form(RalliementApp.UniqueEmail("status")));
        await _app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail("pending")));
        await _app.WaitForQueuedEmailsAsync();

        Assert.Equal(0, await RunAsync("status"));

        var printed = Printed;
        Assert.Matches(@"Database: answers \((Sqlite|PostgreSQL)\), every migration applied\.", printed);
        Assert.Matches($@"\n  {RalliementApp.Slug} +2 +1 +1 +0 +0 +0\n", printed);
        Assert.Matches(@"\n  signer +0 waiting\n", printed);
        Assert.Contains("need --url http://127.0.0.1:5000", printed, StringComparison.Ordinal);
        Assert.EndsWith("Healthy.\n", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.org", printed, StringComparison.Ordinal);
    }

    [Fact]
    [BothDatabases]
    public async Task Status_exits_1_and_says_why_when_a_confirmation_email_waits_too_long()
    {
        _app.Settings["Mail:SendInBackground"] = "false";
        await _app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail("late")));

        // The app's clock stands in November 2026; the command reads the real one, later: the email is late.
        Assert.Equal(1, await RunAsync("status", "--Health:MailBacklogMaxAge=00:01:00"));

        Assert.Matches(@"\n  signer +1 waiting, the oldest for ", Printed);
        Assert.Contains("Not healthy: a signer email has waited", Printed, StringComparison.Ordinal);
        Assert.Contains("more than Health:MailBacklogMaxAge (1 min)", Printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_exits_1_when_the_database_does_not_answer()
    {
        var nowhere = Path.Combine(_app.DataDirectory, "no-such-folder", "ralliement.db");

        Assert.Equal(1, await RunAsync("status", "--Database:Provider=Sqlite", $"--ConnectionStrings:Ralliement=Data Source={nowhere};Mode=ReadWrite"));

        Assert.Contains("Database: does not answer", Printed, StringComparison.Ordinal);
        Assert.Contains("Not healthy: the database does not answer.", Printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_url_status_adds_what_only_the_running_node_knows_from_its_scrape_endpoint()
    {
        _app.Settings["Metrics:Prometheus:Enabled"] = "true";
        await _app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail("node")));
        await _app.SignAsync(RalliementApp.Form("not-an-address"));

        Assert.Equal(0, await RunAsync("status", "--url", _app.Address.ToString()));

        Assert.Contains("  signatures: 1 accepted, 0 confirmed, 0 held, 1 refused (invalid 1)", Printed, StringComparison.Ordinal);
        Assert.Matches(@"  writer: 1 batches, 1\.0 signatures and [0-9.]+ ms a batch on average", Printed);
        Assert.DoesNotContain("need --url", Printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_to_a_node_without_a_scrape_endpoint_is_a_failure_and_one_elsewhere_a_wrong_argument()
    {
        Assert.Equal(1, await RunAsync("status", "--url", _app.Address.ToString()));
        Assert.Contains("answered 404", Printed, StringComparison.Ordinal);

        Assert.Equal(2, await RunAsync("status", "--url", "http://203.0.113.9:5000"));
        Assert.Contains("--url must be a loopback address or one in Metrics:Prometheus:AllowedNetworks", _errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await RunAsync("status", "--unknown"));
    }

    [Fact]
    public async Task The_outbox_is_read_by_priority_with_news_apart()
    {
        _app.Settings["Mail:SendInBackground"] = "false";
        await _app.WithDbAsync(db =>
        {
            _app.Services.GetRequiredService<Outbox>().Add(db, "reader@example.org", "News", "Body", OutboxPriority.News);
            return db.SaveChangesAsync();
        });

        Assert.Equal(0, await RunAsync("status", "--Health:MailBacklogMaxAge=00:01:00"));

        Assert.Matches(@"\n  news +1 waiting, the oldest for ", Printed);
    }
}
