using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>A campaign's kind, goal and next milestone, dates, signer fields and options: one form.</summary>
[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]
public sealed class SettingsModel(ReadCampaignSettings readSettings, ChangeCampaignSettings changeSettings) : EditorPageModel(readSettings)
{
    public ChangeCampaignSettings.Form Settings { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        Settings = ChangeCampaignSettings.Form.Of(Campaign.Campaign, Organisation.TimeZone);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string lang, int id, [FromForm(Name = "Settings")] ChangeCampaignSettings.Form form, CancellationToken cancellationToken)
    {
        Settings = form;
        return await AnswerAsync(lang, id, "edit", await changeSettings.HandleAsync(Organisation, id, form, cancellationToken), cancellationToken);
    }
}
