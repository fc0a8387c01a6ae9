using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>The moderation queue: signatures of the organisation's campaigns, filtered, with bulk actions.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ModerateSignatures)]
public sealed class ModerationQueueModel(ReadModerationQueue read, ModerateSignatures moderate) : OrganisationPageModel
{
    public const int MaxNote = 500;

    [BindProperty(SupportsGet = true)]
    public QueueFilter Filter { get; set; } = new();

    public IReadOnlyList<ReadModerationQueue.CampaignChoice> Campaigns { get; private set; } = [];
    public IReadOnlyList<ReadModerationQueue.Row> Rows { get; private set; } = [];
    public long? NextBefore { get; private set; }
    /// <summary>After an action: which, and how many signatures it changed.</summary>
    public string? Done { get; private set; }
    public int Changed { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(string lang, string? done, int changed, CancellationToken cancellationToken)
    {
        Done = done is "approve" or "reject" or "hide" or "show" ? done : null;
        Changed = changed;
        await LoadAsync(lang, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string lang, string? act, long[] ids, string? note, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ModerationAction>(act, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen) || ids.Length == 0 || ids.Length > 500
            || note?.Length > MaxNote)
        {
            Error = ids.Length == 0 ? "NothingTicked" : "BadAction";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(lang, cancellationToken);
            return Page();
        }
        var changed = await moderate.HandleAsync(Organisation, chosen, ids, note, cancellationToken);
        var query = Filter.QueryString();
        var separator = query.Length == 0 ? "?" : "&";
        return Redirect($"/{lang}/organiser/{Organisation.Slug}/moderation{query}{separator}done={chosen.ToString().ToLowerInvariant()}&changed={changed}");
    }

    private async Task LoadAsync(string lang, CancellationToken cancellationToken)
    {
        Campaigns = await read.CampaignsAsync(Organisation, lang, cancellationToken);
        var page = await read.HandleAsync(Campaigns, Filter, cancellationToken);
        Rows = page.Rows;
        NextBefore = page.NextBefore;
    }
}
