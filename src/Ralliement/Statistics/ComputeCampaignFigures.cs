using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Ralliement.Statistics;

/// <summary>
/// Counts a campaign's confirmed signatures in one streaming pass over the few columns the
/// statistics need, keeping only counters: memory grows with the number of distinct values
/// (institutions, disciplines…) and days, not with signatures, but for one 8-byte confirmation time
/// each, sorted for the milestones. Measured on SQLite with 1,000,000 signatures: see docs/operating.md.
/// </summary>
public sealed class ComputeCampaignFigures(RalliementDb db, TimeProvider clock)
{
    public const int HoursKept = 48;

    private readonly record struct Row(DateTime At, string Kind, string Source, bool ShowPublicly,
        string? Institution, string? ProfessionalStatus, string? Discipline, string? Country, int? VerifiedInstitutionId);

    /// <summary>
    /// The columns counted, by a plain data reader: EF Core's materialisation of a million rows cost
    /// more than the counting. Identifiers are quoted as both providers name them (the model's names).
    /// </summary>
    private async IAsyncEnumerable<Row> ReadRowsAsync(int campaignId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT COALESCE("ConfirmedAt", "CreatedAt"), "Kind", "Source", "ShowPublicly", "Institution",
                       "ProfessionalStatus", "Discipline", "Country", "VerifiedInstitutionId"
                FROM "Signatures" WHERE "CampaignId" = @campaign AND "State" = @state
                """;
            var campaign = command.CreateParameter();
            campaign.ParameterName = "@campaign";
            campaign.Value = campaignId;
            command.Parameters.Add(campaign);
            var state = command.CreateParameter();
            state.ParameterName = "@state";
            state.Value = nameof(SignatureState.Confirmed);
            command.Parameters.Add(state);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return new Row(
                    Instant(reader, 0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), Text(4), Text(5), Text(6), Text(7),
                    reader.IsDBNull(8) ? null : reader.GetInt32(8));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A UTC instant as the provider returns it. SQLite keeps text ("2026-12-07 23:42:54.6761895"),
    /// which its reader parses with the general DateTime parser; the fixed layout read here costs a
    /// fraction of it, on a million rows.
    /// </summary>
    private static DateTime Instant(DbDataReader reader, int column)
    {
        if (reader.GetFieldType(column) != typeof(string))
        {
            return DateTime.SpecifyKind(reader.GetDateTime(column), DateTimeKind.Utc);
        }
        var text = reader.GetString(column).AsSpan();
        if (text.Length < 19 || text[4] != '-' || text[10] is not (' ' or 'T'))
        {
            return DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc);
        }
        static int Digits(ReadOnlySpan<char> span) => int.Parse(span, NumberStyles.None, CultureInfo.InvariantCulture);
        var at = new DateTime(Digits(text[..4]), Digits(text[5..7]), Digits(text[8..10]), Digits(text[11..13]), Digits(text[14..16]), Digits(text[17..19]), DateTimeKind.Utc);
        if (text.Length > 20 && text[19] == '.')
        {
            var fraction = text[20..];
            var ticks = Digits(fraction[..Math.Min(7, fraction.Length)]);
            for (var i = fraction.Length; i < 7; i++)
            {
                ticks *= 10;
            }
            at = at.AddTicks(ticks);
        }
        return at;
    }

    /// <summary>The figures, or null when there is no such campaign.</summary>
    public async Task<CampaignFigures?> HandleAsync(int campaignId, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId)
            .Select(c => new { c.SignatureCount, c.Goal, c.Organisation.TimeZone })
            .FirstOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = OrganisationTime.Zone(campaign.TimeZone);
        var firstHour = HourOf(now).AddHours(1 - HoursKept);
        var institutionNames = await db.AffiliationInstitutions.AsNoTracking().Where(i => i.CampaignId == campaignId)
            .ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);

        var days = new Dictionary<DateOnly, int>();
        var hours = new Dictionary<DateTime, int>();
        var counters = Enum.GetValues<Dimension>().ToDictionary(d => d, _ => new Counter());
        var times = new List<long>(Math.Max(0, campaign.SignatureCount));
        await foreach (var row in ReadRowsAsync(campaignId, cancellationToken))
        {
            var at = row.At;
            times.Add(at.Ticks);
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(at, zone));
            days[day] = days.GetValueOrDefault(day) + 1;
            if (at >= firstHour)
            {
                var hour = HourOf(at);
                hours[hour] = hours.GetValueOrDefault(hour) + 1;
            }
            var organisation = row.Kind == nameof(SignatoryKind.Organisation);
            counters[Dimension.Kind].Add(organisation ? "organisation" : "person");
            counters[Dimension.Source].Add(organisation ? "organisations" : row.Source == nameof(SignatureSource.Import) ? "import" : "form");
            counters[Dimension.ProfessionalStatus].Add(row.ProfessionalStatus);
            counters[Dimension.Discipline].Add(row.Discipline);
            counters[Dimension.Country].Add(row.Country);
            // Only signatures shown to the public name an institution in the statistics; a verified
            // one is counted under the institution its address proves, whatever was typed.
            var verifiedName = row.VerifiedInstitutionId is int id ? institutionNames.GetValueOrDefault(id) : null;
            counters[Dimension.Institution].Add(row.ShowPublicly ? verifiedName ?? row.Institution : null, verified: row.ShowPublicly && verifiedName is not null);
        }

        // From the campaign's confirmed signatures to their commitments, not the other way round:
        // 1.4 s rather than 2.7 s for 1,000,000 signatures on SQLite.
        var commitments = await db.Signatures
            .Where(s => s.CampaignId == campaignId && s.State == SignatureState.Confirmed)
            .SelectMany(s => s.Commitments)
            .GroupBy(sc => sc.CommitmentId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var sorted = times.ToArray();
        Array.Sort(sorted);
        return new CampaignFigures
        {
            CampaignId = campaignId,
            ComputedAt = now,
            CountRead = campaign.SignatureCount,
            Goal = campaign.Goal,
            TimeZone = campaign.TimeZone,
            Total = sorted.Length,
            Days = [.. days.OrderBy(d => d.Key)],
            Hours = hours,
            Breakdowns = counters.ToDictionary(c => c.Key, c => c.Value.Categories()),
            Commitments = commitments,
            HasAffiliations = institutionNames.Count > 0,
            Milestones = [.. Statistics.Milestones.UpTo(sorted.Length, campaign.Goal)
                .Select(m => new Milestone(m, new DateTime(sorted[m - 1], DateTimeKind.Utc)))],
        };
    }

    private static DateTime HourOf(DateTime at) => new(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The key a free-text value is counted under: "Université Lyon 2", "universite  lyon 2 " and
    /// "UNIVERSITÉ LYON 2" are one institution. Empty for no value.
    /// </summary>
    public static string KeyOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Category.NotGiven;
        }
        var key = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space)
            {
                key.Append(' ');
                space = false;
            }
            key.Append(c is '’' or 'ʼ' ? '\'' : char.ToLowerInvariant(c));
        }
        return key.ToString();
    }

    /// <summary>The counts of one breakdown; each distinct spelling is normalised once, not once a row.</summary>
    private sealed class Counter
    {
        private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Label, int Count, int Verified)> _counts = new(StringComparer.Ordinal);

        public void Add(string? value, bool verified = false)
        {
            var spelling = value ?? "";
            if (!_keys.TryGetValue(spelling, out var key))
            {
                key = KeyOf(value);
                _keys[spelling] = key;
            }
            var (label, count, verifiedCount) = _counts.GetValueOrDefault(key, (spelling.Trim(), 0, 0));
            _counts[key] = (label, count + 1, verifiedCount + (verified ? 1 : 0));
        }

        public IReadOnlyList<Category> Categories() =>
            [.. _counts.Select(c => new Category(c.Key, c.Value.Label, c.Value.Count, c.Value.Verified))];
    }
}
