using Ralliement.Shared;

namespace Ralliement.Tests.Unit;

public sealed class PublicDatesTests
{
    [Theory]
    [InlineData("2026-11-03T10:00:00", "Europe/Paris", "fr", "3 novembre 2026")]
    [InlineData("2026-11-03T10:00:00", "Europe/Paris", "en", "3 November 2026")]
    // Late evening in UTC is already the next day in Paris, and the first of the month is « 1er » in French.
    [InlineData("2026-11-30T23:30:00", "Europe/Paris", "fr", "1er décembre 2026")]
    [InlineData("2026-11-30T23:30:00", "Europe/Paris", "en", "1 December 2026")]
    [InlineData("2026-11-30T23:30:00", "America/Montreal", "fr", "30 novembre 2026")]
    [InlineData("2026-11-30T23:30:00", "Nowhere/Unknown", "fr", "30 novembre 2026")]
    public void A_day_is_written_where_the_organisation_is_in_the_page_language(string utc, string timeZone, string language, string expected) =>
        Assert.Equal(expected, PublicDates.Day(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), timeZone, language));
}
