using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>"Mark a spam wave": criteria, a preview of how many signatures match, then one rejection.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ModerateSignatures)]
public sealed class SpamWaveModel(ReadModerationQueue read, MarkSpamWave wave) : OrganisationPageModel
{
    [BindProperty(SupportsGet = true)]
    public MarkSpamWave.Criteria Criteria { get; set; } = new();

    public IReadOnlyList<ReadModerationQueue.CampaignChoice> Campaigns { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;
    /// <summary>How many signatures match, once the moderator asked for a preview.</summary>
    public int? Matching { get; private set; }
    public int? Rejected { get; private set; }

    public async Task<IActionResult> OnGetAsync(string lang, bool preview, CancellationToken cancellationToken)
    {
        await LoadAsync(lang, cancellationToken);
        if (!preview)
        {
            return Page();
        }
        Errors = Criteria.Errors();
        if (!Errors.Any)
        {
            Matching = await wave.PreviewAsync(Organisation, Criteria, cancellationToken);
            if (Matching is null)
            {
                return NotFound();
            }
        }
        else
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string lang, string? note, CancellationToken cancellationToken)
    {
        await LoadAsync(lang, cancellationToken);
        Errors = Criteria.Errors();
        if (note?.Length > ModerationQueueModel.MaxNote)
        {
            Errors.Add("note", "NoteTooLong");
        }
        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Rejected = await wave.RejectAsync(Organisation, Criteria, note, cancellationToken);
        return Rejected is null ? NotFound() : Page();
    }

    private async Task LoadAsync(string lang, CancellationToken cancellationToken)
    {
        Campaigns = await read.CampaignsAsync(Organisation, lang, cancellationToken);
    }
}
