using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>A page of the organisation's audit log, newest first, optionally of one kind of action.</summary>
public sealed class ReadAuditEntries(RalliementDb db)
{
    public const int PageSize = 50;

    public sealed record Entry(long Id, DateTime At, string Actor, string Action, string Target, string? Details);

    /// <param name="NextBefore">The id to ask entries before for the next page; null on the last one.</param>
    public sealed record Page(IReadOnlyList<Entry> Entries, long? NextBefore);

    /// <param name="prefix">Only actions starting with it, e.g. <c>signature.</c> or <c>export</c>.</param>
    /// <param name="before">Only entries older than this id.</param>
    public async Task<Page> HandleAsync(OrganisationContext organisation, string? prefix, long? before, CancellationToken cancellationToken)
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
            .Select(e => new Entry(e.Id, e.At, e.Actor, e.Action, e.Target, e.Details))
            .ToListAsync(cancellationToken);
        var entries = found.Take(PageSize).ToList();
        return new Page(entries, found.Count > PageSize ? entries[^1].Id : null);
    }
}
