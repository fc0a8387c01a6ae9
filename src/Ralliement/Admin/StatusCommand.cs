using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Net;
using Ralliement.Health;
using Ralliement.Metrics;

namespace Ralliement.Admin;

/// <summary>
/// <c>Ralliement status</c>: the figures of the metrics, for a person at a terminal. The database's
/// (signatures by campaign, the outbox, emails sent) always; a running node's own (the writer's
/// batches, the page cache, its counters since it started) from its scrape endpoint with <c>--url</c>.
/// Exits 1 when something is wrong, as <c>/readyz</c> would say it.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(AdminConsole console)
    {
        var url = new Option<string>("--url") { Description = "A running node (http://127.0.0.1:5000), whose scrape endpoint gives the figures only it knows; Metrics:Prometheus:Enabled must be on there." };
        var status = new Command("status",
            "Prints the site's figures (signatures, outbox, emails, database), a node's own with --url; exits 1 if something is wrong.") { url };
        status.SetAction((parse, _) => RunAsync(parse.GetValue(url), AdminCommandLine.SettingsOf(parse), console));
        return status;
    }

    private static async Task<int> RunAsync(string? url, string[] settings, AdminConsole console)
    {
        await using var host = AdminHost.BuildServices(settings);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var metrics = MetricsSettings.From(configuration);
        Uri? scrape = null;
        if (url is not null && !TryScrapeAddress(url, metrics, out scrape, out var refusal))
        {
            await console.Errors.WriteLineAsync(refusal);
            return AdminCommandLine.WrongArguments;
        }
        var maxAge = configuration.GetSection("Health").Get<HealthOptions>()?.MailBacklogMaxAge ?? new HealthOptions().MailBacklogMaxAge;
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var problems = new List<string>();
        await using var output = new StreamWriter(console.OpenOutput());
        await output.WriteLineAsync(Invariant($"Ralliement status, {now:yyyy-MM-dd HH:mm:ss} UTC"));
        await output.WriteLineAsync();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
            var figures = await ReadDatabaseAsync(db, now, problems, output);
            if (figures is not null)
            {
                await WriteAsync(figures, maxAge, problems, output);
            }
        }
        if (scrape is null)
        {
            await output.WriteLineAsync("A running node's own figures (writer batches, page cache, its counters) need --url http://127.0.0.1:5000,");
            await output.WriteLineAsync("with Metrics:Prometheus:Enabled on that node.");
        }
        else
        {
            await WriteNodeAsync(scrape, problems, output);
        }
        await output.WriteLineAsync();
        await output.WriteLineAsync(problems.Count == 0 ? "Healthy." : "Not healthy: " + string.Join("; ", problems) + ".");
        return problems.Count == 0 ? AdminCommandLine.Done : AdminCommandLine.Failed;
    }

    /// <summary>The scrape endpoint's address, if the host is loopback or in Metrics:Prometheus:AllowedNetworks: the figures never travel further.</summary>
    private static bool TryScrapeAddress(string url, MetricsSettings metrics, out Uri? scrape, out string refusal)
    {
        scrape = null;
        refusal = "";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            refusal = $"--url takes a node's address, such as http://127.0.0.1:5000, not \"{url}\".";
            return false;
        }
        var local = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && metrics.MayScrape(address));
        if (!local)
        {
            refusal = $"--url must be a loopback address or one in Metrics:Prometheus:AllowedNetworks; {uri.Host} is neither.";
            return false;
        }
        scrape = uri.AbsolutePath is "/" or "" ? new Uri(uri, metrics.PrometheusPath.Value) : uri;
        return true;
    }

    private static async Task<DatabaseFigures?> ReadDatabaseAsync(RalliementDb db, DateTime now, List<string> problems, StreamWriter output)
    {
        try
        {
            if (!await db.Database.CanConnectAsync())
            {
                problems.Add("the database does not answer");
                await output.WriteLineAsync("Database: does not answer.");
                return null;
            }
            var pending = (await db.Database.GetPendingMigrationsAsync()).Count();
            await output.WriteLineAsync(Invariant($"Database: answers ({db.Database.ProviderName?.Split('.').Last()}), {(pending == 0 ? "every migration applied" : $"{pending} migrations not applied")}."));
            if (pending > 0)
            {
                problems.Add("migrations are not applied (the site applies them when it starts)");
                return null;
            }
            return await DatabaseFigures.ReadAsync(db, now, CancellationToken.None);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            problems.Add("the database does not answer");
            await output.WriteLineAsync($"Database: does not answer ({exception.GetType().Name}: {exception.Message}).");
            return null;
        }
    }

    private static async Task WriteAsync(DatabaseFigures figures, TimeSpan maxAge, List<string> problems, StreamWriter output)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync("Signatures by campaign (recorded: every signature ever written, imports included)");
        var width = Math.Max(8, figures.Campaigns.Select(c => c.Slug.Length).DefaultIfEmpty(0).Max());
        await output.WriteLineAsync($"  {"campaign".PadRight(width)}  {"recorded",9}  {"pending",9}  {"confirmed",9}  {"held",9}  {"withdrawn",9}  {"rejected",9}");
        foreach (var c in figures.Campaigns)
        {
            await output.WriteLineAsync(Invariant(
                $"  {c.Slug.PadRight(width)}  {c.Recorded,9}  {c[SignatureState.Pending],9}  {c[SignatureState.Confirmed],9}  {c[SignatureState.Held],9}  {c[SignatureState.Withdrawn],9}  {c[SignatureState.Rejected],9}"));
        }
        await output.WriteLineAsync();
        await output.WriteLineAsync("Outbox (emails waiting)");
        foreach (var queue in figures.Outbox)
        {
            var tag = RalliementMetrics.Tags.Of(queue.Priority);
            await output.WriteLineAsync(Invariant($"  {tag,-9}  {queue.Waiting,9} waiting{(queue.Waiting > 0 ? $", the oldest for {Duration(queue.OldestAge)}" : "")}"));
            // News wait on purpose; the others are what /readyz watches.
            if (queue.Priority != OutboxPriority.News && queue.OldestAge > maxAge)
            {
                problems.Add(Invariant($"a {tag} email has waited {Duration(queue.OldestAge)}, more than Health:MailBacklogMaxAge ({Duration(maxAge)})"));
            }
        }
        await output.WriteLineAsync(Invariant(
            $"Emails sent: {figures.SentLastHour} in the last hour, {figures.SentLastDay} in the last day; {figures.Retrying} failed once and wait to be tried again; {figures.GivenUp} given up in all."));
        await output.WriteLineAsync();
    }

    private static async Task WriteNodeAsync(Uri scrape, List<string> problems, StreamWriter output)
    {
        PrometheusText figures;
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var response = await client.GetAsync(scrape);
            if (!response.IsSuccessStatusCode)
            {
                problems.Add(Invariant($"{scrape} answered {(int)response.StatusCode} (is Metrics:Prometheus:Enabled on, and this address allowed?)"));
                return;
            }
            figures = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            problems.Add($"{scrape} does not answer");
            return;
        }
        await output.WriteLineAsync($"This node, since it started ({scrape})");
        await output.WriteLineAsync(Invariant(
            $"  signatures: {figures.Sum("ralliement_signatures_accepted_total")} accepted, {figures.Sum("ralliement_signatures_confirmed_total")} confirmed, {figures.Sum("ralliement_signatures_held_total")} held, {figures.Sum("ralliement_signatures_refused_total")} refused{ByLabel(figures, "ralliement_signatures_refused_total", "reason")}"));
        var batches = figures.Sum("ralliement_writer_batch_size_count");
        await output.WriteLineAsync(batches == 0
            ? "  writer: no batch yet"
            : Invariant($"  writer: {batches} batches, {figures.Sum("ralliement_writer_batch_size_sum") / batches:F1} signatures and {figures.Sum("ralliement_writer_batch_duration_seconds_sum") / batches * 1000:F1} ms a batch on average"));
        var rendered = figures.Sum("ralliement_pages_rendered_total");
        var hits = figures.Sum("ralliement_pages_cache_hits_total");
        await output.WriteLineAsync(Invariant(
            $"  public pages: {rendered} rendered, {hits} served from memory{(rendered + hits > 0 ? $" ({hits / (rendered + hits):P1} from memory)" : "")}"));
        await output.WriteLineAsync(Invariant($"  emails: {figures.Sum("ralliement_emails_sent_total")} attempts{ByLabel(figures, "ralliement_emails_sent_total", "result")}"));
    }

    /// <summary>" (invalid 3, busy 1)": a counter's non-zero parts by a label's value.</summary>
    private static string ByLabel(PrometheusText figures, string name, string label)
    {
        var parts = figures.LabelValues(name, label)
            .Select(value => (value, count: figures.Sum(name, label, value)))
            .Where(p => p.count > 0)
            .Select(p => Invariant($"{p.value} {p.count}"))
            .ToList();
        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
    }

    private static string Duration(TimeSpan age) => age.TotalMinutes < 1
        ? Invariant($"{age.TotalSeconds:F0} s")
        : age.TotalHours < 2 ? Invariant($"{age.TotalMinutes:F0} min") : Invariant($"{age.TotalHours:F1} h");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
