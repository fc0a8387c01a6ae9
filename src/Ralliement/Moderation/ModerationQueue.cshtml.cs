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

    /// <summary>Signatures about to be rejected, listed on a page of their own before the second click.</summary>
    public IReadOnlyList<ReadModerationQueue.Row>? Rejecting { get; private set; }
    public string? Note { get; private set; }

    /// <param name="act">One of the actions, on the ticked signatures; or <c>approve-shown</c> and <c>reject-shown</c> on every row the page showed.</param>
    /// <param name="shown">The rows the page showed: "all shown" never reaches a signature that arrived after the page was drawn.</param>
    /// <param name="confirmed">A rejection goes through only from its confirmation page.</param>
    public async Task<IActionResult> OnPostAsync(string lang, string? act, long[] ids, long[] shown, string? note, bool confirmed, CancellationToken cancellationToken)
    {
        var onShown = act?.EndsWith("-shown", StringComparison.Ordinal) == true;
        var chosenIds = onShown ? shown : ids;
        if (!Enum.TryParse<ModerationAction>(onShown ? act![..^"-shown".Length] : act, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen)
            || chosenIds.Length == 0 || chosenIds.Length > 500 || note?.Length > MaxNote)
        {
            Error = chosenIds.Length == 0 ? "NothingTicked" : "BadAction";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(lang, cancellationToken);
            return Page();
        }
        if (chosen == ModerationAction.Reject && !confirmed)
        {
            Campaigns = await read.CampaignsAsync(Organisation, lang, cancellationToken);
            Rejecting = await read.ChosenAsync(Campaigns, chosenIds, cancellationToken);
            Note = note;
            return Rejecting.Count == 0 ? NotFound() : Page();
        }
        var changed = await moderate.HandleAsync(Organisation, chosen, chosenIds, note, cancellationToken);
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
