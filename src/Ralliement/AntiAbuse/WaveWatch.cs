namespace Ralliement.AntiAbuse;

/// <summary>
/// One campaign's recent signatures, counted in slots of one window each (a minute by default), by
/// email domain and by client network: enough to see one of them take most of the last minutes.
/// A steep rise spread over many domains and networks is what success looks like and is never a
/// wave; a rise concentrated on one of them is. Each signature costs a few array updates under the
/// campaign's own lock.
/// </summary>
internal sealed class WaveWatch(WaveOptions options)
{
    private readonly Slots _all = new(SlotsIn(options.ShareWindow, options.Window));
    private readonly Shares _domains = new(SlotsIn(options.ShareWindow, options.Window));
    private readonly Shares _networks = new(SlotsIn(options.ShareWindow, options.Window));
    private readonly Lock _lock = new();
    private DateTimeOffset _waveUntil;

    /// <param name="Hold">Why this signature must be held (its domain or its network is in a wave), or null.</param>
    /// <param name="DuringWave">Whether any wave is on in the campaign: signatures without a proof of work are then held too.</param>
    /// <param name="Started">The wave this very signature started, for the moderators' notice.</param>
    internal sealed record Verdict(HoldReason? Hold, bool DuringWave, HoldReason? Started, DateTimeOffset Until);

    public Verdict Observe(string domain, string network, DateTimeOffset now)
    {
        var slot = now.UtcTicks / options.Window.Ticks;
        lock (_lock)
        {
            _all.Add(slot);
            var total = _all.Sum(slot - _all.Length + 1, slot);
            var domainCount = _domains.Observe(domain, slot, now);
            var networkCount = _networks.Observe(network, slot, now);
            var domainStarted = Watch(domainCount, total, options.DomainShare, options.DomainMinimum, slot, now);
            var networkStarted = Watch(networkCount, total, options.NetworkShare, options.NetworkMinimum, slot, now);
            HoldReason? started = domainStarted ? HoldReason.DomainWave : networkStarted ? HoldReason.NetworkWave : null;

            var hold = domainCount is not null && now < domainCount.HeldUntil ? HoldReason.DomainWave
                : networkCount is not null && now < networkCount.HeldUntil ? HoldReason.NetworkWave
                : (HoldReason?)null;
            return new Verdict(hold, now < _waveUntil, started, now + options.HoldFor);
        }
    }

    /// <summary>Holds a domain or network whose share of the window passed the limit; true when this starts its hold.</summary>
    private bool Watch(Shares.Count? count, long total, double share, int minimum, long slot, DateTimeOffset now)
    {
        if (count is null)
        {
            return false;
        }
        var inWindow = count.Recent.Sum(slot - count.Recent.Length + 1, slot);
        if (inWindow < minimum || inWindow <= share * total)
        {
            return false;
        }
        var started = now >= count.HeldUntil;
        count.HeldUntil = now + options.HoldFor;
        if (count.HeldUntil > _waveUntil)
        {
            _waveUntil = count.HeldUntil;
        }
        return started;
    }

    private static int SlotsIn(TimeSpan span, TimeSpan window) => Math.Max(1, (int)Math.Ceiling(span / window));

    /// <summary>The recent counts of each domain (or network) of one campaign.</summary>
    private sealed class Shares(int slots)
    {
        /// <summary>Keys followed at once; beyond it, new ones are not counted (a flood of distinct keys has no share to detect).</summary>
        private const int MaxKeys = 20_000;

        private readonly Dictionary<string, Count> _keys = new(StringComparer.Ordinal);
        private long _lastPrune;

        public sealed class Count(Slots recent)
        {
            public Slots Recent { get; } = recent;
            public DateTimeOffset HeldUntil { get; set; }
        }

        public Count? Observe(string key, long slot, DateTimeOffset now)
        {
            Prune(slot, now);
            if (!_keys.TryGetValue(key, out var count))
            {
                if (_keys.Count >= MaxKeys)
                {
                    return null;
                }
                count = new Count(new Slots(slots));
                _keys[key] = count;
            }
            count.Recent.Add(slot);
            return count;
        }

        /// <summary>Once a window, forgets keys with nothing recent and no hold: memory follows the traffic.</summary>
        private void Prune(long slot, DateTimeOffset now)
        {
            if (slot == _lastPrune)
            {
                return;
            }
            _lastPrune = slot;
            foreach (var (key, count) in _keys)
            {
                if (count.Recent.Sum(slot - slots + 1, slot) == 0 && count.HeldUntil <= now)
                {
                    _keys.Remove(key);
                }
            }
        }
    }

    /// <summary>A ring of counts, one per window, each tagged with its window so stale ones read as zero.</summary>
    private sealed class Slots(int length)
    {
        private readonly long[] _slot = new long[length];
        private readonly int[] _count = new int[length];

        public int Length => length;

        public int Add(long slot)
        {
            var i = (int)(slot % length);
            if (_slot[i] != slot)
            {
                _slot[i] = slot;
                _count[i] = 0;
            }
            return ++_count[i];
        }

        public long Sum(long from, long to)
        {
            long sum = 0;
            for (var i = 0; i < length; i++)
            {
                if (_slot[i] >= from && _slot[i] <= to && _count[i] > 0)
                {
                    sum += _count[i];
                }
            }
            return sum;
        }
    }
}
