using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// Publishing shows the campaign's checklist before the button, and again with what is missing when
/// it is refused; the other buttons of the overview post here, and a refusal is explained here.
/// </summary>
[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]
public sealed class StateModel(ChangeCampaignState changeState) : OrganisationPageModel
{
    public string? Reason { get; private set; }

    public int CampaignId { get; private set; }

    /// <summary>The campaign's title, shown with its checklist.</summary>
    public string Title { get; private set; } = "";

    /// <summary>What publishing needs, with what is done; null on a page about another change.</summary>
    public IReadOnlyList<PublishingChecklist.Item>? Checklist { get; private set; }

    /// <summary>The checklist and the publish button of a draft; anything else goes back to the campaign (a 404 there if it is not the organisation's).</summary>
    public async Task<IActionResult> OnGetAsync(string lang, int id, string? change, CancellationToken cancellationToken)
    {
        var overview = $"/{lang}/organiser/{Organisation.Slug}/campaigns/{id}";
        if (change != "publish")
        {
            return Redirect(overview);
        }
        var preview = await changeState.PreviewAsync(Organisation, id, lang, cancellationToken);
        if (preview is null)
        {
            return NotFound();
        }
        if (preview.State != CampaignState.Draft)
        {
            return Redirect(overview);
        }
        CampaignId = id;
        Title = preview.Title;
        Checklist = preview.Checklist;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string lang, int id, [FromForm(Name = "change")] string? change, CancellationToken cancellationToken)
    {
        var result = await changeState.HandleAsync(Organisation, id, change, cancellationToken);
        switch (result.Outcome)
        {
            case ChangeCampaignState.Outcome.NotFound:
                return NotFound();
            case ChangeCampaignState.Outcome.Done:
                return Redirect($"/{lang}/organiser/{Organisation.Slug}/campaigns/{id}?done={Uri.EscapeDataString(change!)}");
            default:
                CampaignId = id;
                Reason = result.Reason!;
                if (result.Checklist is not null)
                {
                    Title = (await changeState.PreviewAsync(Organisation, id, lang, cancellationToken))?.Title ?? "";
                    Checklist = result.Checklist;
                }
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
        }
    }
}
