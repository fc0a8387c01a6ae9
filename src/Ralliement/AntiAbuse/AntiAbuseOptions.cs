namespace Ralliement.AntiAbuse;

/// <summary>The <c>AntiAbuse</c> settings. Every default is meant for a viral peak on one small server, and says why.</summary>
public sealed class AntiAbuseOptions
{
    public RateLimitOptions RateLimits { get; set; } = new();

    public DisposableDomainOptions DisposableDomains { get; set; } = new();

    public WaveOptions Waves { get; set; } = new();
}

/// <summary>
/// A token bucket: up to <see cref="Burst"/> requests at once, then <see cref="PerMinute"/> a minute.
/// Kept in memory only, keyed by a client's network (or a campaign and domain), never logged or stored.
/// </summary>
public sealed class BucketOptions
{
    public int Burst { get; set; }

    public int PerMinute { get; set; }
}

public sealed class RateLimitOptions
{
    /// <summary>
    /// Sign posts per client network (IPv4 /24, IPv6 /64). One /24 is often a whole university
    /// campus or a mobile operator's carrier-grade NAT, where hundreds of real people share an
    /// address when a text goes viral: filling the form takes a person half a minute at least, so
    /// 120 a minute is about sixty people signing at the same moment behind one address, and a
    /// burst of 300 absorbs the moment a mailing lands in a lecture hall. A robot on one network is
    /// slowed to two posts a second, and every signature still needs its email confirmed.
    /// </summary>
    public BucketOptions SigningPerNetwork { get; set; } = new() { Burst = 300, PerMinute = 120 };

    /// <summary>
    /// Posts that try a password or send an email to a typed address (organiser login, two-factor,
    /// forgot password, a signer's "send me a link"), per client network. Nobody needs more than a
    /// few; 30 at once then 10 a minute leaves room for an office or a campus behind one address,
    /// while guessing passwords across accounts or flooding inboxes from one network stays slow.
    /// Identity's lock-out still protects each account.
    /// </summary>
    public BucketOptions LinksPerNetwork { get; set; } = new() { Burst = 30, PerMinute = 10 };

    /// <summary>
    /// Signatures per campaign from one email domain (after the form is read). A university's or a
    /// union's own domain can bring a few hundred signers in the hour a text circulates there, so
    /// 500 at once then 50 a minute (3,000 an hour) only stops a script inventing addresses at one
    /// domain. The large webmail providers (<see cref="UnlimitedDomains"/>) are not throttled: a real
    /// peak sends thousands of their users at once, and their waves are watched by share instead.
    /// </summary>
    public BucketOptions SigningPerDomain { get; set; } = new() { Burst = 500, PerMinute = 50 };

    /// <summary>Domains never throttled per domain (large webmail providers); set in appsettings.json.</summary>
    public List<string> UnlimitedDomains { get; set; } = [];
}

public sealed class DisposableDomainOptions
{
    /// <summary>Domains refused besides the embedded list (subdomains included).</summary>
    public List<string> Extra { get; set; } = [];

    /// <summary>Domains accepted although the embedded list has them (subdomains included).</summary>
    public List<string> Allowed { get; set; } = [];
}

/// <summary>
/// When one email domain or one client network sends most of a campaign's recent signatures, new
/// signatures from it are held for moderation, and so are signatures without a proof of work from
/// anyone; the campaign's moderators get one notice. A steep surge from many domains and networks
/// is a text going viral and is never held: holding it would freeze the count at its best moment.
/// </summary>
public sealed class WaveOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The slot in which signatures are counted; shares are measured over <see cref="ShareWindow"/>.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The recent window in which each email domain's and each network's share is measured.</summary>
    public TimeSpan ShareWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A domain holding more than this share of the window's signatures is a wave. The largest webmail
    /// provider is about a third to a half of a French audience's addresses; 70 % is a crowd of one kind.
    /// </summary>
    public double DomainShare { get; set; } = 0.7;

    /// <summary>And at least this many of its signatures in the window, so a handful from one domain is never a wave.</summary>
    public int DomainMinimum { get; set; } = 100;

    /// <summary>
    /// A client network (IPv4 /24, IPv6 /64) holding more than this share of the window's signatures
    /// is a wave. Even a campus or a mobile operator's shared address is a small part of a real
    /// audience once a text circulates beyond one place; half of all signatures from one is a script.
    /// </summary>
    public double NetworkShare { get; set; } = 0.5;

    /// <summary>And at least this many of its signatures in the window: a lecture hall signing together is no wave.</summary>
    public int NetworkMinimum { get; set; } = 100;

    /// <summary>How long new signatures are held after a wave was last seen.</summary>
    public TimeSpan HoldFor { get; set; } = TimeSpan.FromHours(1);
}
