using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>The buttons of the overview post here; a refused change is explained on a page of its own.</summary>
[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]
public sealed class StateModel(ChangeCampaignState changeState) : OrganisationPageModel
{
    public string Reason { get; private set; } = "";

    public int CampaignId { get; private set; }

    /// <summary>Nothing to show without a change asked for: back to the campaign (a 404 there if it is not the organisation's).</summary>
    public IActionResult OnGet(string lang, int id) => Redirect($"/{lang}/organiser/{Organisation.Slug}/campaigns/{id}");

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
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
        }
    }
}
