using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Mail;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Health;

public sealed class HealthTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task QueueAsync(OutboxPriority priority) => _app.WithDbAsync(async db =>
    {
        _app.Services.GetRequiredService<Outbox>().Add(db, "waiting@example.org", "Subject", "Body", priority);
        return await db.SaveChangesAsync();
    });

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var client = _app.Browser();
        var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    [BothDatabases]
    public async Task A_running_node_is_alive_and_ready_and_says_so_in_one_word()
    {
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/healthz"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/readyz"));
    }

    [Fact]
    [BothDatabases]
    public async Task A_node_whose_confirmation_emails_wait_too_long_is_not_ready_but_alive_and_says_no_more()
    {
        _app.Settings["Mail:SendInBackground"] = "false";
        await QueueAsync(OutboxPriority.Signer);
        _app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/readyz"));

        _app.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await GetAsync("/readyz"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/healthz"));
    }

    [Fact]
    public async Task News_sent_slowly_on_purpose_do_not_make_a_node_unready()
    {
        _app.Settings["Mail:SendInBackground"] = "false";
        await QueueAsync(OutboxPriority.News);
        _app.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/readyz"));
    }

    [Fact]
    public async Task The_threshold_is_a_setting()
    {
        _app.Settings["Mail:SendInBackground"] = "false";
        _app.Settings["Health:MailBacklogMaxAge"] = "00:01:00";
        await QueueAsync(OutboxPriority.Organiser);
        _app.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync("/readyz")).Status);
    }
}
