using System.Globalization;

namespace Ralliement.Shared;

/// <summary>The days public pages give (published on, closes on), in the organisation's time zone and the page's language.</summary>
public static class PublicDates
{
    /// <summary>"1er novembre 2026", "3 November 2026": the day an instant falls on where the organisation is.</summary>
    public static string Day(DateTime utc, string timeZone, string language)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var culture = CultureInfo.GetCultureInfo(Languages.IsSupported(language) ? language : Languages.Default);
        // French writes the first of the month as an ordinal: « le 1er mars ».
        var format = language == "fr" && local.Day == 1 ? "d'er' MMMM yyyy" : "d MMMM yyyy";
        return local.ToString(format, culture);
    }
}
