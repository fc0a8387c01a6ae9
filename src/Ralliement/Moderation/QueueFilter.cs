using System.Globalization;

namespace Ralliement.Moderation;

/// <summary>
/// What the moderation queue shows: one state (held by default), and optionally one campaign, one
/// email domain, a range of signing dates and a piece of name, newest first, 50 a page.
/// </summary>
public sealed class QueueFilter
{
    public const int PageSize = 50;
    private const int MaxText = 100;

    public int? Campaign { get; set; }
    /// <summary><c>held</c>, <c>confirmed</c> or <c>rejected</c>.</summary>
    public string? State { get; set; }
    public string? Domain { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Q { get; set; }
    /// <summary>Shows signatures older than this id: the next page.</summary>
    public long? Before { get; set; }

    public SignatureState SignatureState => State switch
    {
        "confirmed" => SignatureState.Confirmed,
        "rejected" => SignatureState.Rejected,
        _ => SignatureState.Held,
    };

    /// <summary>The domain as stored with signatures (ASCII, lower case, no @), or null.</summary>
    public string? DomainKey => Shared.EmailAddress.DomainKeyOf(Domain);

    public IQueryable<Signature> Apply(IQueryable<Signature> signatures)
    {
        var state = SignatureState;
        var query = signatures.Where(s => s.State == state);
        if (Campaign is { } campaign)
        {
            query = query.Where(s => s.CampaignId == campaign);
        }
        if (DomainKey is { } domain)
        {
            query = query.Where(s => s.EmailDomain == domain);
        }
        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(s => s.CreatedAt >= start);
        }
        if (To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(s => s.CreatedAt < end);
        }
        if (TypedText.Normalise(Q) is { } term)
        {
            var folded = TypedText.SearchForm(term.Length > MaxText ? term[..MaxText] : term);
            query = query.Where(s => s.SearchText != null && s.SearchText.Contains(folded));
        }
        if (Before is { } before)
        {
            query = query.Where(s => s.Id < before);
        }
        return query;
    }

    /// <summary>The query string of this filter, with another page.</summary>
    public string QueryString(long? before = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("campaign", Campaign?.ToString(CultureInfo.InvariantCulture));
        Add("state", State);
        Add("domain", Domain);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("q", Q);
        Add("before", before?.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
