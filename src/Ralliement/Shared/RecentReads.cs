using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Ralliement.Shared;

/// <summary>
/// Values read from the database at most <see cref="CachingOptions.PublicPages"/> ago, so a request
/// that arrives thousands of times a minute (a signing post needs its campaign) reads it about once a
/// second. Only values that exist are kept: a key that reads as nothing is read again each time, so
/// made-up keys cannot fill the memory.
/// </summary>
public sealed class RecentReads<TKey, TValue>(TimeProvider clock, IOptions<CachingOptions> options)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, long ReadAt)> _values = new();

    public async Task<TValue?> GetAsync(TKey key, Func<Task<TValue?>> read)
    {
        var freshness = options.Value.PublicPages;
        var now = clock.GetTimestamp();
        if (freshness > TimeSpan.Zero && _values.TryGetValue(key, out var known) && clock.GetElapsedTime(known.ReadAt, now) < freshness)
        {
            return known.Value;
        }
        // When an entry expires under load a few requests may read at once; that is a handful of
        // reads a second, simpler than making them wait for one another.
        var value = await read();
        if (value is null)
        {
            _values.TryRemove(key, out _);
        }
        else if (freshness > TimeSpan.Zero)
        {
            _values[key] = (value, now);
        }
        return value;
    }
}
