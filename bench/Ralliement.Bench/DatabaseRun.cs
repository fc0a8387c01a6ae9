using System.Diagnostics;

namespace Ralliement.Bench;

/// <summary>
/// Every scenario against one database, in one run, so that each figure is compared with a ceiling
/// measured minutes earlier on the same, shared, noisy machine.
/// </summary>
public sealed class DatabaseRun(BenchOptions options, BenchDatabase database, BareServer bare, Report report)
{
    /// <summary>Enough to keep two cores busy through Kestrel's and the database's waits.</summary>
    private const int Connections = 32;
    private const int PacedConnections = 16;

    /// <summary>Many signers at once: a batch grows with them, so this shows what group commit gives at a real peak.</summary>
    private const int WideConnections = 256;

    private const int WarmUpSeconds = 2;

    /// <summary>
    /// Before the app's own scenarios: a profile showed .NET's tiered compilation still re-compiling
    /// the signing path 20 s into the load (a quarter of the samples), and gone after 30 s.
    /// </summary>
    private const int AppWarmUpSeconds = 15;
    private const int DrainSeconds = SigningLoad.DrainSeconds;

    /// <summary>Proofs of work solved before the signing scenarios; more than they send even on a fast machine.</summary>
    private const int Proofs = 100_000;

    private string Name => database.Name;
    private readonly SigningLoad _signing = new(options, database.Name, report);

    public async Task RunAsync()
    {
        var work = Directory.CreateTempSubdirectory($"ralliement-bench-{Name}-").FullName;
        var data = Path.Combine(work, "data");
        Directory.CreateDirectory(data);
        var succeeded = false;
        double peakSignRate;
        // An interrupted run leaves no million-row database in /tmp; ChildProcesses' handler, registered
        // earlier, has killed the app by the time this one runs.
        EventHandler removeOnExit = (_, _) => Remove(work);
        AppDomain.CurrentDomain.ProcessExit += removeOnExit;
        try
        {
            await database.PrepareAsync(data);
            await using (var app = await StartAsync(data, work))
            {
                // Measured while the app idles, just before it is loaded: the same machine, the same minutes.
                Report.Progress($"{Name}: the ceiling (bare Kestrel)");
                var (bareGet, barePost) = await CeilingAsync();
                peakSignRate = await PagesAndSignaturesAsync(app, data, work, bareGet, barePost);
                ReportRss($"{Name}_rss_peak_mb", app.PeakRssMb());
            }
            if (options.MailSeconds > 0)
            {
                await new MailRun(options, database, report, mail => StartAsync(data, work, mail), work).RunAsync(peakSignRate / 2);
            }
            if (options.LargeRows > 0)
            {
                await new LargeScenario(options, database, report).RunAsync(
                    () => StartAsync(data, work), data, Path.Combine(work, "app.log"));
            }
            succeeded = true;
        }
#pragma warning disable CA1031 // One database failing (its provider missing, its server down) must not hide the other's figures.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            report.Line($"{Name}_failed", ChildProcesses.Interrupted ? "interrupted" : exception.Message.ReplaceLineEndings(" "));
            if (!ChildProcesses.Interrupted)
            {
                Report.Progress($"{Name}: kept {work} for its app.log");
            }
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= removeOnExit;
            if (succeeded || ChildProcesses.Interrupted)
            {
                Remove(work);
            }
        }
    }

    /// <summary>
    /// The live badge (the count, drawn as SVG) that signers embed on their pages and in their
    /// signatures: at a viral peak every view of those asks for it, so it must cost about what the
    /// bare ceiling does. The organisers turn the count on first, as the kit's settings would.
    /// </summary>
    private async Task BadgeAsync(AppProcess app, double bareGet)
    {
        Report.Progress($"{Name}: the live badge");
        await database.ScalarAsync($"""UPDATE "Campaigns" SET "KitShowsLiveCount" = TRUE WHERE "Slug" = '{BenchOptions.Slug}'""");
        // The campaign as read a moment ago (Caching:PublicPages, 1 s) must be read again with it.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var badge = app.Address + app.CampaignPath + "/kit/badge-count.svg";
        using (var client = new HttpClient())
        using (var check = await client.GetAsync(badge))
        {
            // wrk counts any answer: a badge that is not served would be measured as a fast one.
            if (!check.IsSuccessStatusCode || !(await check.Content.ReadAsStringAsync()).Contains("signature", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The live badge answered {(int)check.StatusCode} without the count.");
            }
        }
        await Wrk.RunAsync(badge, Connections, WarmUpSeconds * 2);
        var result = await Wrk.RunAsync(badge, Connections, options.Seconds);
        report.Figures($"{Name}_badge", result);
        report.Ratio($"{Name}_badge_vs_bare_get", result.RequestsPerSecond, bareGet);
    }

    private static void Remove(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // On an interruption the exit handler and this run may both be removing it.
            if (Directory.Exists(folder))
            {
                Report.Progress($"could not remove {folder}: {exception.Message}");
            }
        }
    }

    private Task<AppProcess> StartAsync(string data, string work, IEnumerable<string>? mail = null)
    {
        Report.Progress($"{Name}: starting the app");
        return AppProcess.StartAsync(options, data, database.AppArguments.Concat(mail ?? []), Path.Combine(work, "app.log"));
    }

    private async Task<(double Get, double Post)> CeilingAsync()
    {
        var text = bare.Address + "/text";
        var form = bare.Address + "/form";
        await Wrk.RunAsync(text, Connections, WarmUpSeconds);
        var get = await Wrk.RunAsync(text, Connections, options.Seconds);
        report.Figures($"{Name}_bare_get", get);
        await Wrk.RunAsync(form, Connections, WarmUpSeconds, Script("form.lua"));
        var post = await Wrk.RunAsync(form, Connections, options.Seconds, Script("form.lua"));
        report.Figures($"{Name}_bare_post", post);
        return (get.RequestsPerSecond, post.RequestsPerSecond);
    }

    /// <returns>The peak signature rate, which the mail scenarios pace themselves on.</returns>
    private async Task<double> PagesAndSignaturesAsync(AppProcess app, string data, string work, double bareGet, double barePost)
    {
        Report.Progress($"{Name}: the campaign page");
        var page = app.Address + app.CampaignPath;
        await Wrk.RunAsync(page, Connections, AppWarmUpSeconds);
        var get = await Wrk.RunAsync(page, Connections, options.Seconds);
        report.Figures($"{Name}_page_get", get);
        report.Ratio($"{Name}_page_get_vs_bare_get", get.RequestsPerSecond, bareGet);
        await BadgeAsync(app, bareGet);

        var solving = Stopwatch.StartNew();
        await _signing.SolveAsync(app, Proofs, Path.Combine(work, "proofs.txt"));
        report.Line($"{Name}_proofs_solved_s", Math.Round(solving.Elapsed.TotalSeconds, 1));

        Report.Progress($"{Name}: signatures as fast as they come");
        var sign = page + "/sign";
        await SignAsync(sign, "warm", AppWarmUpSeconds, 0, Connections);
        var signed = await SignAsync(sign, "sign", options.Seconds, 0, Connections);
        report.Figures($"{Name}_sign_post", signed);
        report.Ratio($"{Name}_sign_post_vs_bare_post", signed.RequestsPerSecond, barePost);
        await CheckRowsAsync($"{Name}_sign", "sign", signed);

        Report.Progress($"{Name}: waiting for the confirmation emails");
        var links = Path.Combine(work, "confirm-links.txt");
        await WaitForMailAsync();
        report.Line($"{Name}_confirm_links", ConfirmLinks.Collect(Path.Combine(data, "mail"), links));
        await ConfirmAsync(app, links);

        // At least one a second: a rate of 0 would tell the script to go as fast as it can.
        var target = Math.Max(1, Math.Round(signed.RequestsPerSecond / 2));
        Report.Progress($"{Name}: signatures paced at {target}/s, half the peak");
        report.Line($"{Name}_sign_paced_target_rps", target);
        var paced = await SignAsync(sign, "paced", options.Seconds, target, PacedConnections);
        report.Figures($"{Name}_sign_paced", paced);
        report.Line($"{Name}_sign_paced_p99_under_50ms", paced.P99Ms < 50);
        await CheckRowsAsync($"{Name}_sign_paced", "paced", paced);

        Report.Progress($"{Name}: signatures from {WideConnections} connections");
        var wide = await SignAsync(sign, "wide", options.Seconds, 0, WideConnections);
        report.Figures($"{Name}_sign_post_{WideConnections}c", wide);
        report.Ratio($"{Name}_sign_post_{WideConnections}c_vs_bare_post", wide.RequestsPerSecond, barePost);
        await CheckRowsAsync($"{Name}_sign_{WideConnections}c", "wide", wide);
        return signed.RequestsPerSecond;
    }

    /// <summary>Signature POSTs; the rate is what the script counted over its own active time.</summary>
    private async Task<WrkResult> SignAsync(string url, string prefix, int seconds, double rate, int connections)
    {
        var result = await _signing.SignAsync(url, prefix, seconds, rate, connections);
        report.Line($"{Name}_{prefix}_unproven_rows_so_far", await database.UnprovenAsync());
        return result;
    }

    /// <summary>Every acknowledged signature must be a row, and no row may lack an acknowledgement.</summary>
    private async Task CheckRowsAsync(string name, string prefix, WrkResult result)
    {
        var acknowledged = result.Count("ok");
        var rows = await database.SignaturesAsync(prefix);
        report.Line($"{name}_acknowledged", acknowledged);
        report.Line($"{name}_refused", result.Count("client_errors") + result.Count("server_errors"));
        report.Line($"{name}_unanswered", result.Count("sent") - acknowledged - result.Count("client_errors") - result.Count("server_errors"));
        report.Line($"{name}_rows", rows);
        report.Line($"{name}_rows_match", rows == acknowledged);
    }

    private async Task WaitForMailAsync()
    {
        var clock = Stopwatch.StartNew();
        long pending;
        while ((pending = await database.PendingMailAsync()) > 0 && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(500);
        }
        report.Line($"{Name}_mail_drain_s", Math.Round(clock.Elapsed.TotalSeconds, 1));
        if (pending > 0)
        {
            report.Line($"{Name}_mail_still_pending", pending);
        }
    }

    private async Task ConfirmAsync(AppProcess app, string links)
    {
        Report.Progress($"{Name}: confirmations");
        var result = SigningLoad.WithScriptRate(await Wrk.RunAsync(app.Address, Connections, options.Seconds, Script("confirm.lua"),
            [links, $"{options.Seconds}", $"{Wrk.Threads}"], DrainSeconds));
        report.Figures($"{Name}_confirm_get", result);
        var confirmed = await database.ConfirmedAsync();
        var held = await database.HeldAsync();
        var count = await database.CampaignCountAsync();
        report.Line($"{Name}_confirm_acknowledged", result.Count("ok"));
        // A signing peak is what the wave watch is for: once it starts, confirmed signatures wait
        // for a moderator (Held) and are not counted until approved.
        report.Line($"{Name}_confirm_rows", confirmed);
        report.Line($"{Name}_confirm_held_by_wave", held);
        // A peak of proven signatures from many networks and domains is real signers: volume alone must hold none.
        report.Line($"{Name}_confirm_none_held_by_volume", held == 0);
        report.Line($"{Name}_confirm_campaign_count", count);
        report.Line($"{Name}_confirm_rows_match", confirmed + held == result.Count("ok") && count == confirmed);
    }

    private void ReportRss(string name, double megabytes)
    {
        report.Line(name, megabytes);
        report.Line(name.Replace("_mb", "_under_250mb", StringComparison.Ordinal), megabytes < 250);
    }

    private string Script(string name) => Path.Combine(options.Scripts, name);
}
