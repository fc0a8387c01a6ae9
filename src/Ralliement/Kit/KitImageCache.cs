using System.Collections.Concurrent;

namespace Ralliement.Kit;

/// <summary>
/// The kit's images as last drawn, in memory: each is drawn once per change of what it shows
/// (<see cref="Entry.Inputs"/>: the campaign's version, the count for the live ones, the site's
/// address) and served from here in between, so a badge embedded on many pages costs a dictionary
/// look-up. Bounded in entries and bytes: past either, the least recently served quarter goes.
/// </summary>
public sealed class KitImageCache(TimeProvider clock)
{
    /// <summary>About 25 files in 2 languages for each of 80 campaigns.</summary>
    public const int MaxEntries = 4000;

    /// <summary>A slide mark with a logo weighs a few hundred kilobytes, a badge under one.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<(int Campaign, string File, string Language), Entry> _entries = new();
    private readonly Lock _trimming = new();
    private long _bytes;

    public sealed record Entry(string Inputs, KitImage Image, long DrawnAt)
    {
        public long ServedAt { get; set; }
    }

    public Entry? Get(int campaign, string file, string language)
    {
        if (!_entries.TryGetValue((campaign, file, language), out var entry))
        {
            return null;
        }
        entry.ServedAt = clock.GetTimestamp();
        return entry;
    }

    public void Set(int campaign, string file, string language, string inputs, KitImage image)
    {
        var now = clock.GetTimestamp();
        var entry = new Entry(inputs, image, now) { ServedAt = now };
        var key = (campaign, file, language);
        long replaced = 0;
        _entries.AddOrUpdate(key, entry, (_, old) =>
        {
            replaced = old.Image.Content.Length;
            return entry;
        });
        if (Interlocked.Add(ref _bytes, image.Content.Length - replaced) > MaxBytes || _entries.Count > MaxEntries)
        {
            Trim();
        }
    }

    private void Trim()
    {
        lock (_trimming)
        {
            if (Interlocked.Read(ref _bytes) <= MaxBytes && _entries.Count <= MaxEntries)
            {
                return;
            }
            foreach (var (key, entry) in _entries.OrderBy(e => e.Value.ServedAt).Take(Math.Max(1, _entries.Count / 4)).ToList())
            {
                if (_entries.TryRemove(new KeyValuePair<(int, string, string), Entry>(key, entry)))
                {
                    Interlocked.Add(ref _bytes, -entry.Image.Content.Length);
                }
            }
        }
    }
}

/// <summary>An image ready to serve: its bytes, their type, a strong ETag (a hash of the bytes) and when it was drawn.</summary>
public sealed record KitImage(byte[] Content, string ContentType, string ETag, DateTimeOffset LastModified);
