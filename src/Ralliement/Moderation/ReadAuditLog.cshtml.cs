using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>The audit log owners read: every organiser action of the organisation, newest first, as sentences.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ReadAuditLog)]
public sealed class ReadAuditLogModel(ReadAuditEntries read) : OrganisationPageModel
{
    /// <summary>The kinds of action the log can be narrowed to: the first word of their names.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["campaign", "signature", "member", "news", "export", "import", "commitment", "field", "organisation"];

    public IReadOnlyList<ReadAuditEntries.Entry> Entries { get; private set; } = [];
    public ReadAuditEntries.Names Names { get; private set; } = new();
    public string? Prefix { get; private set; }
    public long? NextBefore { get; private set; }

    /// <param name="action">Shows only actions starting with it, e.g. <c>signature.</c> or <c>export.</c>.</param>
    /// <param name="before">Shows entries older than this id: the next page.</param>
    public async Task OnGetAsync(string lang, string? action, long? before, CancellationToken cancellationToken)
    {
        Prefix = string.IsNullOrWhiteSpace(action) ? null : action.Trim()[..Math.Min(action.Trim().Length, 100)];
        var page = await read.HandleAsync(Organisation, Prefix, before, lang, cancellationToken);
        Entries = page.Entries;
        Names = page.Names;
        NextBefore = page.NextBefore;
    }
}
