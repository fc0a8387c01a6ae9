using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Ralliement.Data;
using Ralliement.Mail;
using Ralliement.Tests.Integration;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Metrics;

[Collection(nameof(ScrapesAlone))]
public sealed class MetricsTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private RalliementApp WithPrometheus()
    {
        _app.Settings["Metrics:Prometheus:Enabled"] = "true";
        return _app;
    }

    private async Task<(HttpStatusCode Status, string Body)> ScrapeAsync(string? clientAddress = null, string path = "/metrics")
    {
        using var client = _app.Browser();
        if (clientAddress is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        }
        var response = await client.GetAsync(path);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The value of one series in Prometheus text (<c>name{labels} value</c>), or null when absent.</summary>
    private static double? Series(string scrape, string name, string label = "")
    {
        var line = scrape.Split('\n').FirstOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(line.IndexOf('}', StringComparison.Ordinal) + 2)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Signing_and_confirming_move_the_accepted_and_confirmed_counters_and_the_writer_records_its_batch()
    {
        using var measured = new MeasuredMetrics(_app);
        var form = RalliementApp.Form(RalliementApp.UniqueEmail("counted"));

        await _app.SignAsync(form);
        Assert.Equal(1, measured["ralliement.signatures.accepted"]);
        Assert.Equal(0, measured["ralliement.signatures.confirmed"]);
        Assert.Equal(1, measured.CountOf("ralliement.writer.batch.size"));
        Assert.Equal(1, measured["ralliement.writer.batch.size"]);
        Assert.Equal(1, measured.CountOf("ralliement.writer.batch.duration"));

        await _app.ConfirmAsync(await _app.EmailToAsync(form["Email"]));

        Assert.Equal(1, measured["ralliement.signatures.confirmed"]);
        Assert.Equal(0, measured["ralliement.signatures.held"]);
        Assert.Equal(1, measured["ralliement.emails.sent", "result=sent"]);
    }

    [Fact]
    public async Task A_form_with_a_mistake_counts_as_refused_for_its_reason_and_a_held_confirmation_as_held()
    {
        using var measured = new MeasuredMetrics(_app);
        var wrong = RalliementApp.Form("not-an-address");

        await _app.SignAsync(wrong);
        Assert.Equal(1, measured["ralliement.signatures.refused", "reason=invalid"]);
        Assert.Equal(0, measured["ralliement.signatures.accepted"]);

        await _app.ChangeCampaignAsync(c => c.HoldsSignaturesForReview = true);
        await _app.SignAndConfirmAsync(RalliementApp.Form(RalliementApp.UniqueEmail("held")));

        Assert.Equal(1, measured["ralliement.signatures.held", "reason=review"]);
        Assert.Equal(0, measured["ralliement.signatures.confirmed"]);
    }

    [Fact]
    public async Task A_public_page_served_from_memory_counts_as_a_cache_hit_not_a_render()
    {
        WithPrometheus().Settings["Caching:PublicPages"] = "00:01:00";
        using var measured = new MeasuredMetrics(_app);
        using var client = _app.Browser();

        await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}");
        await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}");
        await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}");

        Assert.Equal(1, measured["ralliement.pages.rendered", "http.route={lang:lang}/c/{slug}"]);
        Assert.Equal(2, measured["ralliement.pages.cache_hits", "http.route={lang:lang}/c/{slug}"]);
    }

    [Fact]
    public async Task Metrics_are_off_by_default_and_then_nothing_answers_at_the_scrape_path()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync()).Status);
        Assert.Null(_app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_Prometheus_on_a_local_scraper_reads_the_figures_as_Prometheus_text()
    {
        WithPrometheus();
        await _app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail("scraped")));

        var (status, body) = await ScrapeAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("# TYPE ralliement_signatures_accepted_total counter", body, StringComparison.Ordinal);
        Assert.Equal(1, Series(body, "ralliement_signatures_accepted_total"));
        Assert.Equal(1, Series(body, "ralliement_writer_batch_size_count"));
        Assert.Contains("http_server_request_duration_seconds_bucket", body, StringComparison.Ordinal);
        Assert.DoesNotContain("counted", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scraper_outside_the_allowed_networks_finds_nothing_there()
    {
        WithPrometheus().BehindProxy();

        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync("203.0.113.9")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync("127.0.0.1")).Status);
    }

    [Fact]
    public async Task The_allowed_networks_and_the_path_are_settings()
    {
        WithPrometheus().BehindProxy();
        _app.Settings["Metrics:Prometheus:AllowedNetworks:0"] = "203.0.113.0/24";
        _app.Settings["Metrics:Prometheus:Path"] = "/internal/metrics";

        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync("203.0.113.9", "/internal/metrics")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync("127.0.0.1", "/internal/metrics")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync("203.0.113.9")).Status);
    }

    [Fact]
    [BothDatabases]
    public async Task The_outbox_gauges_read_the_database_once_every_few_seconds_however_often_scraped()
    {
        WithPrometheus().Settings["Mail:SendInBackground"] = "false";
        var outbox = _app.Services.GetRequiredService<Outbox>();
        Task QueueAsync() => _app.WithDbAsync(db =>
        {
            outbox.Add(db, "waiting@example.org", "Subject", "Body", OutboxPriority.Signer);
            return db.SaveChangesAsync();
        });
        await QueueAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(3));

        var first = (await ScrapeAsync()).Body;
        Assert.Equal(1, Series(first, "ralliement_outbox_backlog", "priority=\"signer\""));
        Assert.Equal(180, Series(first, "ralliement_outbox_oldest_age_seconds", "priority=\"signer\""));
        Assert.Equal(0, Series(first, "ralliement_outbox_backlog", "priority=\"news\""));

        await QueueAsync();
        Assert.Equal(1, Series((await ScrapeAsync()).Body, "ralliement_outbox_backlog", "priority=\"signer\""));

        _app.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, Series((await ScrapeAsync()).Body, "ralliement_outbox_backlog", "priority=\"signer\""));
    }
}
