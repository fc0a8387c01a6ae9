namespace Ralliement.Statistics;

/// <summary>What a breakdown sorts signatures by.</summary>
public enum Dimension { Kind, ProfessionalStatus, Discipline, Institution, Country, Source }

/// <summary>
/// One value of a breakdown and how many confirmed signatures carry it. <see cref="Key"/> is the value
/// in the form it is counted under (lower case, without accents or extra spaces), empty for the
/// signatures that gave none; <see cref="Label"/> is how the first of them spelt it.
/// </summary>
/// <param name="Verified">For institutions: how many of them confirmed from an address of the institution.</param>
public sealed record Category(string Key, string Label, int Count, int Verified = 0)
{
    /// <summary>The key of the signatures that gave no value (or, for institutions, chose not to appear).</summary>
    public const string NotGiven = "";

    public bool IsNotGiven => Key.Length == 0;
}

/// <summary>
/// The raw counts of one campaign's confirmed signatures, as one pass over them found them at
/// <see cref="ComputedAt"/>. Nothing here is grouped for small counts: that is done each time the
/// figures are shown to the public (<see cref="SmallCounts"/>), so that the rule can never be
/// forgotten in a stored copy, nor applied twice.
/// </summary>
public sealed class CampaignFigures
{
    public required int CampaignId { get; init; }
    public required DateTime ComputedAt { get; init; }
    /// <summary>The campaign's count column as read just before the pass: when it changes, the figures are out of date.</summary>
    public required int CountRead { get; init; }
    public required int? Goal { get; init; }
    /// <summary>The IANA zone whose midnights end the <see cref="Days"/>.</summary>
    public required string TimeZone { get; init; }
    /// <summary>Confirmed signatures counted by the pass.</summary>
    public required int Total { get; init; }
    /// <summary>Signatures by the day of their confirmation in <see cref="TimeZone"/>, earliest first; days without any are absent.</summary>
    public required IReadOnlyList<KeyValuePair<DateOnly, int>> Days { get; init; }
    /// <summary>Signatures by the UTC hour of their confirmation, for the 48 hours up to <see cref="ComputedAt"/>.</summary>
    public required IReadOnlyDictionary<DateTime, int> Hours { get; init; }
    public required IReadOnlyDictionary<Dimension, IReadOnlyList<Category>> Breakdowns { get; init; }
    /// <summary>Signatures that ticked each commitment, by its id (a signer may tick several).</summary>
    public required IReadOnlyDictionary<int, int> Commitments { get; init; }
    /// <summary>Whether the campaign recognises institutions by their members' addresses.</summary>
    public required bool HasAffiliations { get; init; }
    public required IReadOnlyList<Milestone> Milestones { get; init; }
}
