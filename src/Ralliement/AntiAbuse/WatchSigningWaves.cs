using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Ralliement.Data;

namespace Ralliement.AntiAbuse;

/// <summary>
/// Watches each campaign's signing rate and each email domain's share of it, in memory, as
/// signatures come in: the answer is the hold reason a new signature is written with, and the start
/// of a wave is queued for <see cref="NoticeSigningWaves"/>, off the signer's request.
/// With several nodes, each watches only the signatures it receives: behind a load balancer that
/// spreads them, ratios (the factor over the baseline, a domain's share) hold on every node, but
/// the absolute minima are per node, so divide them by the number of nodes; each node that sees a
/// wave holds its own share of it and sends its own notice (at most one per node and wave).
/// </summary>
public sealed class WatchSigningWaves(IOptions<AntiAbuseOptions> options, TimeProvider clock)
{
    /// <summary>A campaign's wave and its notice; the domain is an email domain with many signatures, not personal data.</summary>
    public sealed record Wave(int CampaignId, HoldReason Kind, string? Domain, DateTimeOffset Until, string BaseUrl);

    private readonly WaveOptions _options = options.Value.Waves;
    private readonly ConcurrentDictionary<int, WaveWatch> _campaigns = new();

    // Bounded: under an attack on many campaigns at once, notices beyond these are dropped rather
    // than held in memory; the holds themselves still apply.
    private readonly Channel<Wave> _started = Channel.CreateBounded<Wave>(new BoundedChannelOptions(100)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    internal ChannelReader<Wave> Started => _started.Reader;

    /// <summary>Counts one new signature; returns why it must be held, or null.</summary>
    /// <param name="baseUrl">The site's address, for the link in the notice.</param>
    public HoldReason? Observe(int campaignId, string domain, string baseUrl)
    {
        if (!_options.Enabled)
        {
            return null;
        }
        var watch = _campaigns.GetOrAdd(campaignId, _ => new WaveWatch(_options));
        // Subdomains count as their owner's domain, so a wave cannot spread itself over many of them.
        domain = DomainNames.Registered(domain);
        var verdict = watch.Observe(domain, clock.GetUtcNow());
        if (verdict.Started is { } kind)
        {
            _started.Writer.TryWrite(new Wave(campaignId, kind, kind == HoldReason.DomainWave ? domain : null, verdict.Until, baseUrl));
        }
        return verdict.Hold;
    }
}
