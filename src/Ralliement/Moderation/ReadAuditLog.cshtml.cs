using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>The audit log owners read: every organiser action of the organisation, newest first.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ReadAuditLog)]
public sealed class ReadAuditLogModel(ReadAuditEntries read) : OrganisationPageModel
{
    public IReadOnlyList<ReadAuditEntries.Entry> Entries { get; private set; } = [];
    public string? Prefix { get; private set; }
    public long? NextBefore { get; private set; }

    /// <param name="action">Shows only actions starting with it, e.g. <c>signature.</c> or <c>export</c>.</param>
    /// <param name="before">Shows entries older than this id: the next page.</param>
    public async Task OnGetAsync(string? action, long? before, CancellationToken cancellationToken)
    {
        Prefix = string.IsNullOrWhiteSpace(action) ? null : action.Trim()[..Math.Min(action.Trim().Length, 100)];
        var page = await read.HandleAsync(Organisation, Prefix, before, cancellationToken);
        Entries = page.Entries;
        NextBefore = page.NextBefore;
    }
}
