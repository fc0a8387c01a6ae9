using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>The audit log owners read: every organiser action of the organisation, newest first.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ReadAuditLog)]
public sealed class ReadAuditLogModel(RalliementDb db) : OrganisationPageModel
{
    public const int PageSize = 50;

    public sealed record Entry(long Id, DateTime At, string Actor, string Action, string Target, string? Details);

    public IReadOnlyList<Entry> Entries { get; private set; } = [];
    public string? Prefix { get; private set; }
    public long? NextBefore { get; private set; }

    /// <param name="action">Shows only actions starting with it, e.g. <c>signature.</c> or <c>export</c>.</param>
    /// <param name="before">Shows entries older than this id: the next page.</param>
    public async Task OnGetAsync(string? action, long? before, CancellationToken cancellationToken)
    {
        Prefix = string.IsNullOrWhiteSpace(action) ? null : action.Trim()[..Math.Min(action.Trim().Length, 100)];
        var organisationId = Organisation.Id;
        var query = db.AuditLog.AsNoTracking().Where(e => e.OrganisationId == organisationId);
        if (Prefix is { } prefix)
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
        Entries = found.Take(PageSize).ToList();
        NextBefore = found.Count > PageSize ? Entries[^1].Id : null;
    }
}
