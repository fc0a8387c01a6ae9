using System.Diagnostics;

namespace Ralliement.Bench;

/// <summary>
/// The confirmation email end to end, with SMTP on (the other scenarios write it to a folder): how
/// fast the app delivers a backlog to Postfix's smtp-sink, beside Postfix's own smtp-source to the same
/// sink; how long signers wait for it at half the peak signing rate, from a receiver that answers at
/// once and from one 30 ms away; and whether a flood at one email domain is held once confirmed.
/// Each part starts the app again on the same database, pointed at its receiver.
/// </summary>
public sealed class MailRun(BenchOptions options, BenchDatabase database, Report report, Func<IEnumerable<string>, Task<AppProcess>> start, string work)
{
    /// <summary>As many as smtp-source sends: the same work for both.</summary>
    private const int Messages = 2_000;

    /// <summary>smtp-source's connections at once; as one message per connection, enough to keep both cores busy.</summary>
    private const int SourceSessions = 8;

    private const int Connections = 32;
    private const int PacedConnections = 16;

    /// <summary>The most time to write the 2,000 signatures: 5 s was short for PostgreSQL on a loaded machine (1,636).</summary>
    private const int BacklogSeconds = 10;

    /// <summary>Long enough for 2,000 emails at the 55/s of one email per connection; a slower sender is cut short.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(90);

    /// <summary>After the paced load, time for the emails on their way; those still waiting count as never arriving.</summary>
    private static readonly TimeSpan ArrivalLimit = TimeSpan.FromSeconds(30);

    /// <summary>A provider in another data centre: 30 ms is a round trip across Europe.</summary>
    private static readonly TimeSpan ProviderLatency = TimeSpan.FromMilliseconds(30);

    /// <summary>Twice the per-domain burst (500): the rest is refused, what got through must be held.</summary>
    private const int FloodSignatures = 1_000;

    /// <summary>A domain wave is only seen from its 100th signature in 10 minutes (AntiAbuse:Waves:DomainMinimum).</summary>
    private const int FloodLetThrough = 100;

    private string Name => database.Name;
    private readonly SigningLoad _signing = new(options, database.Name, report);

    public async Task RunAsync(double pacedRate)
    {
        // The earlier scenarios' emails, still waiting for the folder, are not this one's to send.
        await database.DiscardPendingMailAsync();
        report.Line($"{Name}_mail_connections", options.MailConnections > 0 ? options.MailConnections : "default");
        if (options.Postfix is null)
        {
            report.Line($"{Name}_smtp_sink", "skipped (no --postfix: run through bench/run.sh)");
        }
        else
        {
            await SmtpSinkAsync();
        }
        await ReceiverAsync(Math.Max(1, Math.Round(pacedRate)));
    }

    private string[] Smtp(int port) =>
        ["--Mail:Smtp:Host=127.0.0.1", $"--Mail:Smtp:Port={port}", "--Mail:Smtp:Security=None",
            .. options.MailConnections > 0 ? [$"--Mail:Smtp:Connections={options.MailConnections}"] : Array.Empty<string>()];

    private async Task SmtpSinkAsync()
    {
        await using var sink = await PostfixSink.StartAsync(options.Postfix!);
        Report.Progress($"{Name}: smtp-source, {Messages:N0} emails to smtp-sink");
        var ceiling = await sink.SourceAsync(Messages, SourceSessions);
        report.Line($"{Name}_smtp_source_mail_per_s", ceiling);

        // The backlog is written with sending off, then sent by the app started again: the rate is the
        // sender's, not capped by how fast signatures come in.
        var after = await database.LastOutboxIdAsync();
        await using (var app = await start([.. Smtp(sink.Port), "--Mail:SendInBackground=false"]))
        {
            await _signing.SolveAsync(app, Messages * 11 / 10 + 100, Path.Combine(work, "proofs-mail.txt"));
            var signed = await _signing.SignAsync(app.Address + app.CampaignPath + "/sign", "mailrate", BacklogSeconds, 0, Connections, Messages);
            report.Line($"{Name}_mail_backlog_written", signed.Count("ok"));
        }
        Report.Progress($"{Name}: the app sends them to smtp-sink");
        await using (await start(Smtp(sink.Port)))
        {
            var rate = await DeliveryRateAsync(after, "");
            report.Line($"{Name}_mail_per_s", rate);
            report.Ratio($"{Name}_mail_vs_smtp_source", rate, ceiling);
            report.Line($"{Name}_mail_vs_smtp_source_at_least_half", rate >= 0.5 * ceiling);
        }
        await database.DiscardPendingMailAsync();
    }

    private async Task ReceiverAsync(double pacedRate)
    {
        await using var receiver = SmtpReceiver.Start();
        await using var app = await start(Smtp(receiver.Port));
        var sign = app.Address + app.CampaignPath + "/sign";
        var proofs = (int)((FloodSignatures + Messages + 2 * pacedRate * options.MailSeconds) * 1.1) + 1_000;
        await _signing.SolveAsync(app, proofs, Path.Combine(work, "proofs-receiver.txt"));

        // First, while the app's wave watch has seen nothing else: a flood is a share of recent signatures.
        await DomainFloodAsync(app, receiver, sign);

        report.Line($"{Name}_mail_paced_target_rps", pacedRate);
        await SignToMailAsync(receiver, sign, "mailpaced", "", pacedRate);

        receiver.Delay = ProviderLatency;
        await database.DiscardPendingMailAsync();
        Report.Progress($"{Name}: {Messages:N0} signatures, emails to a receiver 30 ms away");
        var after = await database.LastOutboxIdAsync();
        var signed = await _signing.SignAsync(sign, "slowrate", BacklogSeconds, 0, Connections, Messages);
        report.Line($"{Name}_latency30ms_mail_backlog_written", signed.Count("ok"));
        var rate = await DeliveryRateAsync(after, "latency30ms_");
        report.Line($"{Name}_latency30ms_mail_per_s", rate);
        report.Line($"{Name}_latency30ms_mail_per_s_at_least_200", rate >= 200);
        await database.DiscardPendingMailAsync();
        await SignToMailAsync(receiver, sign, "slowpaced", "latency30ms_", pacedRate);
    }

    private async Task DomainFloodAsync(AppProcess app, SmtpReceiver receiver, string sign)
    {
        Report.Progress($"{Name}: {FloodSignatures:N0} signatures at one domain");
        var flood = await _signing.SignAsync(sign, "flood", options.Seconds, 0, Connections, FloodSignatures, "flood.example");
        report.Line($"{Name}_domain_flood_acknowledged", flood.Count("ok"));
        report.Line($"{Name}_domain_flood_refused", flood.Count("client_errors") + flood.Count("server_errors"));
        await WaitForBacklogAsync(DrainLimit);
        var links = Path.Combine(work, "flood-links.txt");
        await File.WriteAllLinesAsync(links, receiver.AcceptedFor("flood").Select(a => a.ConfirmPath).OfType<string>().Distinct());
        var confirmed = await Wrk.RunAsync(app.Address, Connections, options.Seconds, Path.Combine(options.Scripts, "confirm.lua"),
            [links, $"{options.Seconds}", $"{Wrk.Threads}"], SigningLoad.DrainSeconds);
        report.Line($"{Name}_domain_flood_confirm_acknowledged", confirmed.Count("ok"));
        var held = await database.SignaturesAsync("flood", "Held");
        var counted = await database.SignaturesAsync("flood", "Confirmed");
        report.Line($"{Name}_domain_flood_held", held);
        report.Line($"{Name}_domain_flood_counted", counted);
        report.Line($"{Name}_domain_flood_counted_at_most_{FloodLetThrough}", held > 0 && counted <= FloodLetThrough);
    }

    /// <summary>Signatures at the paced rate for MailSeconds; then how long each signer waited for the email.</summary>
    private async Task SignToMailAsync(SmtpReceiver receiver, string sign, string prefix, string label, double rate)
    {
        await database.DiscardPendingMailAsync();
        Report.Progress($"{Name}: signatures paced at {rate}/s for {options.MailSeconds} s, emails to a receiver {receiver.Delay.TotalMilliseconds} ms away");
        // Read when the scripts stop sending, not when wrk exits a few seconds later.
        var backlogAtEnd = Task.Delay(TimeSpan.FromSeconds(options.MailSeconds)).ContinueWith(_ => database.PendingMailAsync(), TaskScheduler.Default).Unwrap();
        var signed = await _signing.SignAsync(sign, prefix, options.MailSeconds, rate, PacedConnections);
        report.Line($"{Name}_{label}mail_paced_rps", signed.RequestsPerSecond);
        report.Line($"{Name}_{label}mail_backlog_at_end", await backlogAtEnd);
        await WaitForBacklogAsync(ArrivalLimit);
        var accepted = receiver.AcceptedFor(prefix);
        var acknowledged = signed.Count("ok");
        var p99 = SignToMail.Percentile(accepted, acknowledged, 0.99);
        report.Line($"{Name}_{label}sign_to_mail_p50_s", SignToMail.Percentile(accepted, acknowledged, 0.50));
        report.Line($"{Name}_{label}sign_to_mail_p99_s", p99);
        report.Line($"{Name}_{label}sign_to_mail_undelivered", Math.Max(0, acknowledged - accepted.Count));
        report.Line($"{Name}_{label}sign_to_mail_p99_under_10s", p99 < 10);
    }

    /// <summary>
    /// Emails a second while a backlog was being sent: between the first and the last to leave, as the
    /// outbox recorded them. Waits for the backlog at most <see cref="DrainLimit"/>.
    /// </summary>
    private async Task<double> DeliveryRateAsync(long afterId, string label)
    {
        var pending = await WaitForBacklogAsync(DrainLimit);
        if (pending > 0)
        {
            report.Line($"{Name}_{label}mail_still_pending", pending);
        }
        var (sent, first, last) = await database.SentAfterAsync(afterId);
        report.Line($"{Name}_{label}mail_sent", sent);
        return sent > 1 && first is { } from && last is { } to && to > from ? (sent - 1) / (to - from).TotalSeconds : double.NaN;
    }

    private async Task<long> WaitForBacklogAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        long pending;
        while ((pending = await database.PendingMailAsync()) > 0 && clock.Elapsed < limit)
        {
            await Task.Delay(250);
        }
        return pending;
    }
}
