using System.Diagnostics;
using System.Net;

namespace Ralliement.Bench;

/// <summary>
/// A campaign that went viral: a million confirmed public signatures, loaded directly, then the
/// app restarted on them. Reading pages must cost what it cost with a hundred rows.
/// </summary>
public sealed class LargeScenario(BenchOptions options, BenchDatabase database, Report report)
{
    /// <summary>Few connections: this measures how long one request takes, not how many fit.</summary>
    private const int Connections = 4;
    private const int Seconds = 5;
    private const int WarmUpSeconds = 2;

    private string Name => $"{database.Name}_large";

    public async Task RunAsync(Func<Task<AppProcess>> startApp, string data, string appLog)
    {
        Report.Progress($"{Name}: loading {options.LargeRows:N0} signatures");
        var campaignId = await database.CampaignIdAsync();
        var clock = Stopwatch.StartNew();
        await database.BulkLoadAsync(campaignId, options.LargeRows);
        await database.RecountAsync(campaignId);
        report.Line($"{Name}_load_s", Math.Round(clock.Elapsed.TotalSeconds, 1));
        report.Line($"{Name}_rows", await database.ScalarAsync("""SELECT COUNT(*) FROM "Signatures" WHERE "EmailKey" LIKE 'bulk-%'"""));
        report.Line($"{Name}_campaign_count", await database.CampaignCountAsync());
        var firstLoaded = await database.ScalarAsync("""SELECT MIN("Id") FROM "Signatures" WHERE "EmailKey" LIKE 'bulk-%'""");

        await using (var app = await startApp())
        {
            var campaign = app.Address + app.CampaignPath;
            await MeasureAsync("page_get", campaign);
            await MeasureAsync("count_get", $"{app.Address}/api/campaigns/{BenchOptions.Slug}/count");
            await MeasureAsync("signatories_get", campaign + "/signatories");
            // Half-way through the list: keyset pagination must make it as cheap as the first page.
            await MeasureAsync("signatories_deep_get", $"{campaign}/signatories?before={firstLoaded + options.LargeRows / 2}");
            // The statistics are computed once in the background; a request must never group the rows itself.
            await MeasureAsync("stats_get", campaign + "/stats");
            await MeasureAsync("stats_json_get", campaign + "/stats.json");
            var rss = app.PeakRssMb();
            report.Line($"{Name}_rss_peak_mb", rss);
            report.Line($"{Name}_rss_under_250mb", rss < 250);
        }
        await ExportCommand.RunAsync(options, database, data, report, Name, appLog);
    }

    private async Task MeasureAsync(string name, string url)
    {
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) })
        {
            using var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                report.Line($"{Name}_{name}", "missing");
                return;
            }
            if (!response.IsSuccessStatusCode)
            {
                report.Line($"{Name}_{name}", $"failed ({(int)response.StatusCode})");
                return;
            }
            // One warm request alone: its time still says something when wrk sees none finish.
            var clock = Stopwatch.StartNew();
            using var again = await client.GetAsync(url);
            report.Line($"{Name}_{name}_alone_ms", Math.Round(clock.Elapsed.TotalMilliseconds, 1));
        }
        Report.Progress($"{Name}: {name}");
        await Wrk.RunAsync(url, Connections, WarmUpSeconds);
        var result = await Wrk.RunAsync(url, Connections, Seconds);
        report.Figures($"{Name}_{name}", result);
        report.Line($"{Name}_{name}_p99_under_20ms", result.P99Ms < 20);
    }
}
