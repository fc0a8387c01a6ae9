using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ralliement.Metrics;

/// <summary>
/// What this node counts, as the OpenTelemetry meter <c>Ralliement</c>: signatures taken and refused,
/// the writer's batches, the outbox, emails sent, public pages rendered and served from memory. Every
/// tag takes a value from a small closed set; none names a campaign or a person, so a series never
/// multiplies with the site's data (per-campaign figures come from the database: <c>status</c>).
/// Recording with no exporter listening costs a check of a flag: the counters stay on the hot path.
/// </summary>
public sealed class RalliementMetrics
{
    public const string MeterName = "Ralliement";

    /// <summary>Outbox figures are read from the database at most this often, however often they are scraped.</summary>
    public static readonly TimeSpan OutboxReadInterval = TimeSpan.FromSeconds(5);

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _confirmed;
    private readonly Counter<long> _held;
    private readonly Counter<long> _refused;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;
    private readonly Counter<long> _emails;
    private readonly Counter<long> _rendered;
    private readonly Counter<long> _cacheHits;
    private readonly OutboxReadings _outbox;

    public RalliementMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock)
    {
        var meter = meters.Create(MeterName);
        _accepted = meter.CreateCounter<long>("ralliement.signatures.accepted", "{signature}",
            "Signatures written from the form, waiting for their signer to confirm by email.");
        _confirmed = meter.CreateCounter<long>("ralliement.signatures.confirmed", "{signature}",
            "Signatures confirmed by their signer's link, now counted and shown.");
        _held = meter.CreateCounter<long>("ralliement.signatures.held", "{signature}",
            "Signatures confirmed by their signer that wait for a moderator, by reason.");
        _refused = meter.CreateCounter<long>("ralliement.signatures.refused", "{signature}",
            "Posts of the signing form that wrote no signature, by reason.");
        _batchSize = meter.CreateHistogram("ralliement.writer.batch.size", "{signature}",
            "Signatures committed together by the writer.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _batchDuration = meter.CreateHistogram("ralliement.writer.batch.duration", "s",
            "Time the writer took to commit one batch, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _emails = meter.CreateCounter<long>("ralliement.emails.sent", "{email}",
            "Attempts to send an email from the outbox, by result.");
        _rendered = meter.CreateCounter<long>("ralliement.pages.rendered", "{page}",
            "Public pages rendered because no fresh copy was in memory, by route.");
        _cacheHits = meter.CreateCounter<long>("ralliement.pages.cache_hits", "{page}",
            "Public pages served from memory without rendering, by route.");
        _outbox = new OutboxReadings(scopes, clock);
        meter.CreateObservableGauge("ralliement.outbox.backlog", () => _outbox.Read().Select(p =>
            new Measurement<int>(p.Waiting, new KeyValuePair<string, object?>("priority", Tags.Of(p.Priority)))), "{email}",
            "Emails waiting to be sent, by priority.");
        meter.CreateObservableGauge("ralliement.outbox.oldest_age", () => _outbox.Read().Select(p =>
            new Measurement<double>(p.OldestAge.TotalSeconds, new KeyValuePair<string, object?>("priority", Tags.Of(p.Priority)))), "s",
            "How long the oldest waiting email has waited, by priority.");
    }

    /// <summary>A signature handed to the writer: committed (accepted), or not written as the process stopped (busy).</summary>
    public void Written(bool written)
    {
        if (written)
        {
            _accepted.Add(1);
        }
        else
        {
            Refused(Refusal.Busy);
        }
    }

    /// <summary>A signer confirmed: the signature counts now, or waits for a moderator (held).</summary>
    /// <param name="reason">Why it was suspect when written; null when the campaign holds every signature for review.</param>
    public void Confirmed(bool held, HoldReason? reason)
    {
        if (held)
        {
            _held.Add(1, new KeyValuePair<string, object?>("reason", Tags.Of(reason)));
        }
        else
        {
            _confirmed.Add(1);
        }
    }

    public void Refused(Refusal reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", Tags.Of(reason)));

    public void BatchWritten(int size, long startedTimestamp)
    {
        _batchSize.Record(size);
        _batchDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);
    }

    public void EmailSent(EmailResult result) => _emails.Add(1, new KeyValuePair<string, object?>("result", Tags.Of(result)));

    public void PageRendered(string route) => _rendered.Add(1, new KeyValuePair<string, object?>("http.route", route));

    public void PageFromCache(string route) => _cacheHits.Add(1, new KeyValuePair<string, object?>("http.route", route));

    /// <summary>Why a post of the signing form wrote no signature.</summary>
    public enum Refusal
    {
        /// <summary>Too many signatures from the client's network (a rate limit).</summary>
        NetworkLimit,
        /// <summary>Too many signatures from one email domain on the campaign (a rate limit).</summary>
        DomainLimit,
        /// <summary>A field only robots fill was filled; the robot was told it worked.</summary>
        Honeypot,
        /// <summary>The campaign does not take signatures.</summary>
        Closed,
        /// <summary>Something in the form was wrong (the signer saw why).</summary>
        Invalid,
        /// <summary>An address of a throw-away email service.</summary>
        DisposableDomain,
        /// <summary>The writer's queue was full or the process was stopping: "try again in a moment".</summary>
        Busy,
    }

    /// <summary>What happened to one attempt to send an email.</summary>
    public enum EmailResult
    {
        /// <summary>The mail server took it.</summary>
        Sent,
        /// <summary>It failed and will be tried again later.</summary>
        Retry,
        /// <summary>The server said it was busy (421, 451): it waits without losing an attempt.</summary>
        Deferred,
        /// <summary>The server refused it for good (a 5xx to its recipient or content).</summary>
        Refused,
        /// <summary>It failed once too often and will not be tried again.</summary>
        GivenUp,
    }

    /// <summary>Tag values in OpenTelemetry's style (lower case, underscores), as constants: recording allocates nothing.</summary>
    internal static class Tags
    {
        public static string Of(Refusal reason) => reason switch
        {
            Refusal.NetworkLimit => "network_limit",
            Refusal.DomainLimit => "domain_limit",
            Refusal.Honeypot => "honeypot",
            Refusal.Closed => "closed",
            Refusal.Invalid => "invalid",
            Refusal.DisposableDomain => "disposable_domain",
            _ => "busy",
        };

        public static string Of(HoldReason? reason) => reason switch
        {
            null => "review",
            HoldReason.NoProofOfWork => "no_proof_of_work",
            HoldReason.SigningWave => "signing_wave",
            HoldReason.DomainWave => "domain_wave",
            _ => "network_wave",
        };

        public static string Of(EmailResult result) => result switch
        {
            EmailResult.Sent => "sent",
            EmailResult.Retry => "retry",
            EmailResult.Deferred => "deferred",
            EmailResult.Refused => "refused",
            _ => "given_up",
        };

        public static string Of(OutboxPriority priority) => priority switch
        {
            OutboxPriority.Signer => "signer",
            OutboxPriority.Organiser => "organiser",
            _ => "news",
        };
    }
}
