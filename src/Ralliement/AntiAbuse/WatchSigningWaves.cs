using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Ralliement.AntiAbuse;

/// <summary>
/// Watches each email domain's and each client network's share of a campaign's signatures, in
/// memory, as they come in: the answer says whether a new signature is held and whether a wave is
/// on (which holds signatures without a proof of work), and the start of a wave is queued for
/// <see cref="NoticeSigningWaves"/>, off the signer's request.
/// With several nodes, each watches only the signatures it receives: behind a load balancer that
/// spreads them, shares hold on every node, but the absolute minima are per node, so divide them
/// by the number of nodes; each node that sees a wave holds its own share of it and sends its own
/// notice (at most one per node and wave).
/// </summary>
public sealed class WatchSigningWaves(IOptions<AntiAbuseOptions> options, TimeProvider clock)
{
    /// <summary>
    /// A campaign's wave and its notice; the domain is an email domain with many signatures, not
    /// personal data. A network wave names no network: a client's address is never stored nor sent.
    /// </summary>
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

    /// <param name="Hold">Why this signature must be held (its domain or network is in a wave), or null.</param>
    /// <param name="DuringWave">Whether the campaign is in a wave, when signatures without a proof of work are held.</param>
    public sealed record Verdict(HoldReason? Hold, bool DuringWave)
    {
        public static Verdict Calm { get; } = new(null, false);
    }

    /// <summary>Counts one new signature from an email domain and a client network (<see cref="ClientNetwork"/>).</summary>
    /// <param name="baseUrl">The site's address, for the link in the notice.</param>
    public Verdict Observe(int campaignId, string domain, string network, string baseUrl)
    {
        if (!_options.Enabled)
        {
            return Verdict.Calm;
        }
        var watch = _campaigns.GetOrAdd(campaignId, _ => new WaveWatch(_options));
        // Subdomains count as their owner's domain, so a wave cannot spread itself over many of them.
        domain = DomainNames.Registered(domain);
        var verdict = watch.Observe(domain, network, clock.GetUtcNow());
        if (verdict.Started is { } kind)
        {
            _started.Writer.TryWrite(new Wave(campaignId, kind, kind == HoldReason.DomainWave ? domain : null, verdict.Until, baseUrl));
        }
        return new Verdict(verdict.Hold, verdict.DuringWave);
    }
}
