using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ralliement.AntiAbuse;

/// <summary>
/// The sign form's limits: per client network before the form is looked at, and per email domain of
/// a campaign once it is read. Each answers how long to wait, or null when the signature may go on.
/// </summary>
public sealed class SigningLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _networks;
    private readonly PartitionedRateLimiter<string> _domains;
    private readonly DomainNames _unlimited;

    public SigningLimits(IOptions<AntiAbuseOptions> options)
    {
        var limits = options.Value.RateLimits;
        _networks = PartitionedRateLimiter.Create<string, string>(key => RateLimits.Partition(key, limits.SigningPerNetwork));
        _domains = PartitionedRateLimiter.Create<string, string>(key => RateLimits.Partition(key, limits.SigningPerDomain));
        _unlimited = new DomainNames(limits.UnlimitedDomains);
    }

    /// <param name="network">A key of <see cref="ClientNetwork"/>.</param>
    public TimeSpan? TakeForNetwork(string network) => Take(_networks, network);

    public TimeSpan? TakeForDomain(int campaignId, string domain) =>
        _unlimited.Contains(domain) ? null : Take(_domains, $"{campaignId}/{DomainNames.Registered(domain)}");

    private static TimeSpan? Take(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromMinutes(1);
    }

    public void Dispose()
    {
        _networks.Dispose();
        _domains.Dispose();
    }
}
