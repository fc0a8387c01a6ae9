using Ralliement.Data;

namespace Ralliement.AntiAbuse;

/// <summary>
/// One campaign's recent signatures, counted in slots of one window each (a minute by default):
/// enough to compare the current window with the hour before it, and each email domain's share of
/// the last minutes. Each signature costs a few array updates under the campaign's own lock.
/// </summary>
internal sealed class WaveWatch(WaveOptions options)
{
    /// <summary>Domains followed at once; beyond it, new domains are not counted (a flood of distinct domains has no share to detect).</summary>
    private const int MaxDomains = 20_000;

    private readonly Slots _all = new(SlotsIn(options.Baseline, options.Window) + 1);
    private readonly Dictionary<string, DomainCount> _domains = new(StringComparer.Ordinal);
    private readonly int _domainSlots = SlotsIn(options.DomainWindow, options.Window);
    private readonly Lock _lock = new();
    private DateTimeOffset _heldUntil;
    private long _lastPrune;

    internal sealed record Verdict(HoldReason? Hold, HoldReason? Started, DateTimeOffset Until);

    public Verdict Observe(string domain, DateTimeOffset now)
    {
        var slot = now.UtcTicks / options.Window.Ticks;
        lock (_lock)
        {
            var current = _all.Add(slot);
            Prune(slot);
            var count = Domain(domain, slot);
            HoldReason? started = null;

            // The baseline is the average window of the hour before this one; a young campaign's is
            // low, which the absolute minimum makes up for.
            var baseline = (double)_all.Sum(slot - _all.Length + 1, slot - 1) / (_all.Length - 1);
            if (current >= options.MinimumSignatures && current >= options.Factor * baseline)
            {
                started = now >= _heldUntil ? HoldReason.SigningWave : null;
                _heldUntil = now + options.HoldFor;
            }
            if (count is not null)
            {
                var inWindow = count.Recent.Sum(slot - _domainSlots + 1, slot);
                var total = _all.Sum(slot - _domainSlots + 1, slot);
                if (inWindow >= options.DomainMinimum && inWindow > options.DomainShare * total)
                {
                    // When a signing wave starts with this very signature, its notice covers the domain's.
                    started ??= now >= count.HeldUntil ? HoldReason.DomainWave : null;
                    count.HeldUntil = now + options.HoldFor;
                }
            }
            var hold = now < _heldUntil ? HoldReason.SigningWave
                : count is not null && now < count.HeldUntil ? HoldReason.DomainWave
                : (HoldReason?)null;
            return new Verdict(hold, started, started == HoldReason.DomainWave ? count!.HeldUntil : _heldUntil);
        }
    }

    private DomainCount? Domain(string domain, long slot)
    {
        if (!_domains.TryGetValue(domain, out var count))
        {
            if (_domains.Count >= MaxDomains)
            {
                return null;
            }
            count = new DomainCount(new Slots(_domainSlots));
            _domains[domain] = count;
        }
        count.Recent.Add(slot);
        return count;
    }

    /// <summary>Once a window, forgets domains with nothing recent and no hold: memory follows the traffic.</summary>
    private void Prune(long slot)
    {
        if (slot == _lastPrune)
        {
            return;
        }
        _lastPrune = slot;
        var now = new DateTimeOffset(slot * options.Window.Ticks, TimeSpan.Zero);
        foreach (var (domain, count) in _domains)
        {
            if (count.Recent.Sum(slot - _domainSlots + 1, slot) == 0 && count.HeldUntil <= now)
            {
                _domains.Remove(domain);
            }
        }
    }

    private static int SlotsIn(TimeSpan span, TimeSpan window) => Math.Max(1, (int)Math.Ceiling(span / window));

    private sealed class DomainCount(Slots recent)
    {
        public Slots Recent { get; } = recent;
        public DateTimeOffset HeldUntil { get; set; }
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
