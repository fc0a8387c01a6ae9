using System.Text.Json.Serialization;

namespace Ralliement.Statistics;

/// <summary>
/// A campaign's statistics as published in <c>/{lang}/c/{slug}/stats.json</c> (and by the API): the
/// same figures as the statistics page, the small-count rule applied (<see cref="SmallCounts"/>).
/// The shape is stable: fields may be added, none is renamed or removed. Names are camelCase;
/// instants are UTC (ISO 8601), days are dates in the zone named by <c>timeZone</c>.
/// </summary>
/// <param name="Campaign">The campaign's slug.</param>
/// <param name="Language">The language of the labels.</param>
/// <param name="Licence">The SPDX id of the licence the figures are published under.</param>
/// <param name="LicenceUrl">Its text.</param>
/// <param name="ComputedAt">When the figures were counted.</param>
/// <param name="TimeZone">The IANA zone whose midnights end the days.</param>
/// <param name="MinimumCount">The fewest signatures a category shown holds (k); smaller ones are grouped as "others".</param>
/// <param name="Grouped">Whether small categories are grouped (always for the public; organisers see them apart).</param>
/// <param name="Total">Confirmed signatures counted.</param>
/// <param name="Goal">The campaign's goal, if it has one.</param>
/// <param name="Days">Signatures confirmed each day, from the first day to today.</param>
/// <param name="Breakdowns">One for each field the campaign collects: commitment, professionalStatus, discipline, institution, country, kind.</param>
/// <param name="Affiliations">Signatories who gave an institution and those verified by their address; null when the campaign collects no institution.</param>
/// <param name="Hours">Organisers only: signatures confirmed each hour of the last 48.</param>
/// <param name="Sources">Organisers only: where signatures came from (form, import, organisations).</param>
public sealed record CampaignStatistics(
    string Campaign,
    string Language,
    string Licence,
    string LicenceUrl,
    DateTime ComputedAt,
    string TimeZone,
    int MinimumCount,
    bool Grouped,
    int Total,
    int? Goal,
    IReadOnlyList<DayFigure> Days,
    IReadOnlyList<Breakdown> Breakdowns,
    AffiliationFigures? Affiliations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<HourFigure>? Hours = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Breakdown? Sources = null)
{
    /// <summary>
    /// CC0: counts are facts about a public campaign, not a database of people; waiving every right
    /// lets a newspaper or a researcher reuse them without terms to follow, which is what a campaign
    /// wants of its figures (ODbL's share-alike suits a database one builds upon, not a few counts).
    /// </summary>
    public const string LicenceId = "CC0-1.0";

    public const string LicenceLink = "https://creativecommons.org/publicdomain/zero/1.0/";
}

/// <param name="Date">The day, in the campaign's organisation's time zone.</param>
/// <param name="Count">Signatures confirmed that day.</param>
/// <param name="Cumulative">Signatures confirmed by the end of that day.</param>
/// <param name="Complete">False for today, which is not over.</param>
public sealed record DayFigure(DateOnly Date, int Count, int Cumulative, bool Complete);

/// <param name="Start">The hour's start (UTC).</param>
/// <param name="Count">Signatures confirmed in that hour.</param>
/// <param name="Complete">False for the hour under way.</param>
public sealed record HourFigure(DateTime Start, int Count, bool Complete);

/// <summary>The signatures by the values of one field.</summary>
/// <param name="Name">commitment, professionalStatus, discipline, institution, country, kind or source.</param>
/// <param name="Title">The field, as the page names it.</param>
/// <param name="Total">Signatures the breakdown is over (all confirmed ones).</param>
/// <param name="TooFew">Too small to show without singling anyone out (fewer than <see cref="CampaignStatistics.MinimumCount"/> in all, or in every category): no category is given.</param>
/// <param name="Overlapping">Whether a signature may be in several categories (commitments): then no "others" is made, and a commitment that too few chose, or that all but too few chose, is left out.</param>
/// <param name="Left">Categories left out (overlapping breakdowns only).</param>
/// <param name="Categories">Largest first; "notGiven" and "others" last.</param>
public sealed record Breakdown(string Name, string Title, int Total, bool TooFew, bool Overlapping, int Left, IReadOnlyList<CategoryFigure> Categories);

/// <param name="Kind">"value", "notGiven" (no value, or for institutions not shown publicly) or "others" (small categories grouped).</param>
/// <param name="Key">The value as counted (lower case, no accents); empty for notGiven and others.</param>
/// <param name="Label">The value as shown.</param>
/// <param name="Count">Signatures in the category.</param>
/// <param name="Grouped">For "others": how many categories it groups.</param>
/// <param name="Verified">Institutions: how many confirmed from an address of the institution; null when too few to say.</param>
public sealed record CategoryFigure(
    string Kind,
    string Key,
    string Label,
    int Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Grouped = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Verified = null)
{
    public const string Value = "value", NotGiven = "notGiven", Others = "others";
}

/// <summary>"412 signatories from 38 institutions, 290 of them verified by their address": each null when the small-count rule keeps it back.</summary>
/// <param name="Signatories">Public signatories who gave an institution or were verified.</param>
/// <param name="Institutions">Distinct institutions they named.</param>
/// <param name="Verified">Of them, verified by the address they confirmed from.</param>
public sealed record AffiliationFigures(int? Signatories, int? Institutions, int? Verified);
