using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// A campaign's settings, custom fields and commitments: several small forms on one page, each
/// posting to its own handler, so each works without JavaScript and a refusal keeps the others intact.
/// </summary>
[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]
public sealed class SettingsModel(
    ReadCampaignSettings readSettings, ChangeCampaignSettings changeSettings, EditCustomFields editFields, EditCommitments editCommitments) : OrganisationPageModel
{
    public ReadCampaignSettings.View Campaign { get; private set; } = null!;

    public ChangeCampaignSettings.Form Settings { get; private set; } = new();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>The field whose removal was refused because signers answered it: the page offers to hide it.</summary>
    public int? FieldToHide { get; private set; }

    [FromQuery(Name = "saved")]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        Settings = ChangeCampaignSettings.Form.Of(Campaign.Campaign);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string lang, int id, [FromForm(Name = "Settings")] ChangeCampaignSettings.Form form, CancellationToken cancellationToken) =>
        await AnswerAsync(lang, id, await changeSettings.HandleAsync(Organisation, id, form, cancellationToken), form, cancellationToken);

    public async Task<IActionResult> OnPostAddFieldAsync(string lang, int id, [FromForm(Name = "Field")] EditCustomFields.Form form, CancellationToken cancellationToken) =>
        await AnswerAsync(lang, id, await editFields.AddAsync(Organisation, id, form, cancellationToken), null, cancellationToken);

    public async Task<IActionResult> OnPostSaveFieldAsync(string lang, int id, [FromQuery] int fieldId, [FromForm(Name = "Field")] EditCustomFields.Form form, CancellationToken cancellationToken) =>
        await AnswerAsync(lang, id, await editFields.SaveAsync(Organisation, id, fieldId, form, cancellationToken), null, cancellationToken);

    public async Task<IActionResult> OnPostRemoveFieldAsync(string lang, int id, [FromQuery] int fieldId, CancellationToken cancellationToken)
    {
        var result = await editFields.RemoveAsync(Organisation, id, fieldId, cancellationToken);
        if (result.Outcome == EditOutcome.Refused)
        {
            FieldToHide = fieldId;
        }
        return await AnswerAsync(lang, id, result, null, cancellationToken);
    }

    public async Task<IActionResult> OnPostHideFieldAsync(string lang, int id, [FromQuery] int fieldId, CancellationToken cancellationToken) =>
        await AnswerAsync(lang, id, await editFields.HideAsync(Organisation, id, fieldId, cancellationToken), null, cancellationToken);

    public async Task<IActionResult> OnPostAddCommitmentAsync(string lang, int id, [FromForm(Name = "Commitment")] EditCommitments.Form form, CancellationToken cancellationToken) =>
        await AnswerAsync(lang, id, await editCommitments.AddAsync(Organisation, id, form, cancellationToken), null, cancellationToken);

    public async Task<IActionResult> OnPostSaveCommitmentAsync(string lang, int id, [FromQuery] int commitmentId, [FromForm(Name = "Commitment")] EditCommitments.Form form, CancellationToken cancellationToken) =>
        await AnswerAsync(lang, id, await editCommitments.SaveAsync(Organisation, id, commitmentId, form, cancellationToken), null, cancellationToken);

    public async Task<IActionResult> OnPostRemoveCommitmentAsync(string lang, int id, [FromQuery] int commitmentId, CancellationToken cancellationToken) =>
        await AnswerAsync(lang, id, await editCommitments.RemoveAsync(Organisation, id, commitmentId, cancellationToken), null, cancellationToken);

    /// <summary>After a post: back to the page when done, 404 for another organisation's campaign, the page with its messages (422) when refused.</summary>
    private async Task<IActionResult> AnswerAsync(string lang, int id, EditResult result, ChangeCampaignSettings.Form? posted, CancellationToken cancellationToken)
    {
        if (result.Outcome == EditOutcome.NotFound || !await LoadAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect($"/{lang}/organiser/{Organisation.Slug}/campaigns/{id}/edit?saved=true");
        }
        Errors = result.Errors;
        Settings = posted ?? ChangeCampaignSettings.Form.Of(Campaign.Campaign);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(string lang, int id, CancellationToken cancellationToken)
    {
        var campaign = await readSettings.HandleAsync(Organisation, id, lang, cancellationToken);
        if (campaign is null)
        {
            return false;
        }
        Campaign = campaign;
        return true;
    }
}
