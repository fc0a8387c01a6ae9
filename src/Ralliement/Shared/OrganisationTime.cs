using System.Globalization;

namespace Ralliement.Shared;

/// <summary>
/// Times as an organisation reads and types them, in its IANA time zone
/// (<see cref="Organisation.TimeZone"/>), while the database keeps UTC. A zone the system does not
/// know falls back to <see cref="Organisation.DefaultTimeZone"/>, then to UTC, so a bad value in the
/// settings never breaks a page.
/// </summary>
public static class OrganisationTime
{
    /// <summary>What <c>&lt;input type="datetime-local"&gt;</c> shows and posts (seconds are optional).</summary>
    public const string InputFormat = "yyyy-MM-dd'T'HH:mm";

    private static readonly string[] InputFormats = [InputFormat, "yyyy-MM-dd'T'HH:mm:ss"];

    /// <summary>How a local date-time converted from <see cref="ToUtc"/> fitted the zone's calendar.</summary>
    public enum Fit
    {
        Exact,
        /// <summary>The clocks jumped over it (spring): it counts as the same time after the jump.</summary>
        Skipped,
        /// <summary>The clocks went through it twice (autumn): it counts as the first time, still in summer time.</summary>
        Repeated,
    }

    public static TimeZoneInfo Zone(string? id) =>
        Find(id) ?? Find(Organisation.DefaultTimeZone) ?? TimeZoneInfo.Utc;

    /// <summary>The wall-clock time in the zone of an instant stored in UTC.</summary>
    public static DateTime ToLocal(DateTime utc, string? zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(zone));

    /// <summary>The instant, in UTC, of a wall-clock time typed in the zone.</summary>
    public static (DateTime Utc, Fit Fit) ToUtc(DateTime local, string? zone)
    {
        var timeZone = Zone(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (timeZone.IsInvalidTime(local))
        {
            // The offset before the jump gives the instant the clocks then read one hour (the gap) later:
            // 02:30 on the last Sunday of March in Paris is 01:30 UTC, shown back as 03:30.
            var before = timeZone.GetUtcOffset(local.AddHours(-3));
            return (DateTime.SpecifyKind(local - before, DateTimeKind.Utc), Fit.Skipped);
        }
        if (timeZone.IsAmbiguousTime(local))
        {
            var summer = timeZone.GetAmbiguousTimeOffsets(local).Max();
            return (DateTime.SpecifyKind(local - summer, DateTimeKind.Utc), Fit.Repeated);
        }
        return (TimeZoneInfo.ConvertTimeToUtc(local, timeZone), Fit.Exact);
    }

    /// <summary>An instant for a <c>datetime-local</c> input, in the zone.</summary>
    public static string? ForInput(DateTime? utc, string? zone) =>
        utc is DateTime at ? ToLocal(at, zone).ToString(InputFormat, CultureInfo.InvariantCulture) : null;

    /// <summary>What a <c>datetime-local</c> input posted, as a wall-clock time; null when it is not one.</summary>
    public static DateTime? ParseInput(string input) =>
        DateTime.TryParseExact(input.Trim(), InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? local : null;

    /// <summary>Date and time in the zone for organisers' pages, e.g. "7 déc. 2026 23:30", "7 Dec 2026 23:30".</summary>
    public static string Format(DateTime? utc, string? zone, string none = "—") =>
        utc is DateTime at ? ToLocal(at, zone).ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture) : none;

    /// <summary>The date alone in the zone, as public pages say it, e.g. "7 décembre 2026".</summary>
    public static string FormatDate(DateTime utc, string? zone) =>
        ToLocal(utc, zone).ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>The zone as people name it, its main city: "Paris" for Europe/Paris, "New York" for America/New_York.</summary>
    public static string City(string? zone)
    {
        var id = Zone(zone).Id;
        return id.Contains('/', StringComparison.Ordinal) ? id[(id.LastIndexOf('/') + 1)..].Replace('_', ' ') : id;
    }

    /// <summary>The IANA id actually used: the organisation's, or the fallback when the system does not know it.</summary>
    public static string Id(string? zone) => Zone(zone).Id;

    private static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
