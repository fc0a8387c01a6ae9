namespace Ralliement.Statistics;

/// <summary>The <c>Stats</c> settings.</summary>
public sealed class StatisticsOptions
{
    /// <summary>The smallest number below which no value is ever used: a category of one or two people names them.</summary>
    public const int Floor = 5;

    /// <summary>
    /// The fewest confirmed signatures a category must hold to be shown to the public; smaller ones
    /// are grouped. Never below <see cref="Floor"/>, whatever the setting says.
    /// </summary>
    public int MinimumCount { get; set; } = 10;

    /// <summary>
    /// How old a campaign's figures may be before a request has them computed again, in the
    /// background, when its count changed since. At most <see cref="CacheFor"/>.
    /// </summary>
    public TimeSpan Refresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long browsers, proxies and the output cache keep <c>stats.json</c> and <c>stats.csv</c>; zero turns this cache off.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old the figures organisers see may be.</summary>
    public TimeSpan OrganiserRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The minimum count in force: the setting, raised to <see cref="Floor"/>.</summary>
    public int K => Math.Max(Floor, MinimumCount);

    /// <summary>The public refresh in force: the setting, capped by the cache time when there is one.</summary>
    public TimeSpan PublicRefresh => CacheFor > TimeSpan.Zero && Refresh > CacheFor ? CacheFor : Refresh;
}
