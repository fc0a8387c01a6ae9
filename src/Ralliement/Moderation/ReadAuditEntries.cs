using System.Globalization;
using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>
/// A page of the organisation's audit log, newest first, optionally of one kind of action, with the
/// names its sentences need: members, campaign titles, news subjects, commitment and field labels.
/// </summary>
public sealed class ReadAuditEntries(RalliementDb db)
{
    public const int PageSize = 50;

    public sealed record Entry(long Id, DateTime At, string? OrganiserId, string Actor, string Action, string Target, string? Details);

    /// <summary>An organiser named in the log: the name members see (else the sign-in address), and whether they still belong to the organisation.</summary>
    public sealed record Person(string Name, bool Member);

    /// <summary>What the entries of one page point to, found now; what is missing was deleted since.</summary>
    public sealed class Names
    {
        public Dictionary<string, Person> People { get; } = [];
        public Dictionary<int, string> Campaigns { get; } = [];
        public Dictionary<int, string> News { get; } = [];
        public Dictionary<int, string> Commitments { get; } = [];
        public Dictionary<int, string> Fields { get; } = [];
    }

    /// <param name="NextBefore">The id to ask entries before for the next page; null on the last one.</param>
    public sealed record Page(IReadOnlyList<Entry> Entries, long? NextBefore, Names Names);

    /// <param name="prefix">Only actions starting with it, e.g. <c>signature.</c> or <c>export</c>.</param>
    /// <param name="before">Only entries older than this id.</param>
    /// <param name="language">The language titles and labels are read in, when they exist in it.</param>
    public async Task<Page> HandleAsync(OrganisationContext organisation, string? prefix, long? before, string language, CancellationToken cancellationToken)
    {
        var organisationId = organisation.Id;
        var query = db.AuditLog.AsNoTracking().Where(e => e.OrganisationId == organisationId);
        if (prefix is not null)
        {
            query = query.Where(e => e.Action.StartsWith(prefix));
        }
        if (before is { } older)
        {
            query = query.Where(e => e.Id < older);
        }
        var found = await query.OrderByDescending(e => e.Id).Take(PageSize + 1)
            .Select(e => new Entry(e.Id, e.At, e.OrganiserId, e.Actor, e.Action, e.Target, e.Details))
            .ToListAsync(cancellationToken);
        var entries = found.Take(PageSize).ToList();
        var names = await NamesAsync(organisation, entries, language, cancellationToken);
        return new Page(entries, found.Count > PageSize ? entries[^1].Id : null, names);
    }

    private async Task<Names> NamesAsync(OrganisationContext organisation, List<Entry> entries, string language, CancellationToken cancellationToken)
    {
        var names = new Names();
        var organisationId = organisation.Id;
        var people = entries.Select(e => e.OrganiserId).Concat(entries.Select(e => TargetId(e.Target, "organiser")))
            .OfType<string>().Distinct().ToList();
        var campaigns = entries.SelectMany(e => TargetIds(e.Target, "campaign").Concat(TargetIds(e.Target, "campaigns"))).Distinct().ToList();
        var news = Numbers(entries, "news");
        var commitments = Numbers(entries, "commitment");
        var fields = Numbers(entries, "field");
        if (people.Count > 0)
        {
            foreach (var p in await db.Users.AsNoTracking().Where(u => people.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName, u.Email, Member = u.Memberships.Any(m => m.OrganisationId == organisationId) })
                .ToListAsync(cancellationToken))
            {
                names.People[p.Id] = new Person(string.IsNullOrWhiteSpace(p.DisplayName) ? p.Email ?? "" : p.DisplayName, p.Member);
            }
        }
        if (campaigns.Count > 0)
        {
            foreach (var c in await db.CampaignsOf(organisation).AsNoTracking().Where(c => campaigns.Contains(c.Id))
                .Select(c => new
                {
                    c.Id,
                    Title = c.Texts.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault()
                        ?? c.Texts.Where(t => t.Language == c.DefaultLanguage).Select(t => t.Title).FirstOrDefault() ?? c.Slug,
                })
                .ToListAsync(cancellationToken))
            {
                names.Campaigns[c.Id] = c.Title;
            }
        }
        if (news.Count > 0)
        {
            foreach (var n in await db.News.AsNoTracking().Where(n => news.Contains(n.Id) && db.Campaigns.Any(k => k.Id == n.CampaignId && k.OrganisationId == organisationId))
                .Select(n => new
                {
                    n.Id,
                    Subject = n.Texts.Where(t => t.Language == language).Select(t => t.Subject).FirstOrDefault()
                        ?? n.Texts.OrderBy(t => t.Language).Select(t => t.Subject).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
            {
                names.News[n.Id] = n.Subject ?? "";
            }
        }
        if (commitments.Count > 0)
        {
            foreach (var c in await db.Commitments.AsNoTracking().Where(c => commitments.Contains(c.Id) && db.Campaigns.Any(k => k.Id == c.CampaignId && k.OrganisationId == organisationId))
                .Select(c => new
                {
                    c.Id,
                    Label = c.Labels.Where(l => l.Language == language).Select(l => l.Text).FirstOrDefault()
                        ?? c.Labels.OrderBy(l => l.Language).Select(l => l.Text).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
            {
                names.Commitments[c.Id] = c.Label ?? "";
            }
        }
        if (fields.Count > 0)
        {
            foreach (var f in await db.CustomFields.AsNoTracking().Where(f => fields.Contains(f.Id) && db.Campaigns.Any(k => k.Id == f.CampaignId && k.OrganisationId == organisationId))
                .Select(f => new
                {
                    f.Id,
                    Label = f.Labels.Where(l => l.Language == language).Select(l => l.Text).FirstOrDefault()
                        ?? f.Labels.OrderBy(l => l.Language).Select(l => l.Text).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
            {
                names.Fields[f.Id] = f.Label ?? "";
            }
        }
        return names;
    }

    private static List<int> Numbers(List<Entry> entries, string kind) => entries.SelectMany(e => TargetIds(e.Target, kind)).Distinct().ToList();

    /// <summary>The id in a target such as <c>organiser:abc</c>, when it is of that kind.</summary>
    public static string? TargetId(string target, string kind) =>
        target.StartsWith(kind + ":", StringComparison.Ordinal) ? target[(kind.Length + 1)..] : null;

    /// <summary>The numbers in a target such as <c>campaign:12</c> or <c>campaigns:3,4</c>, when it is of that kind.</summary>
    public static IEnumerable<int> TargetIds(string target, string kind) =>
        (TargetId(target, kind) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
            .OfType<int>();
}
