using Ralliement.Organisers;

namespace Ralliement.Editing;

[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]
public sealed class NewCampaignModel(CreateCampaign createCampaign) : OrganisationPageModel
{
    [BindProperty]
    public CreateCampaign.Form Form { get; set; } = new();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public void OnGet(string lang)
    {
        Form.Language = lang;
    }

    public async Task<IActionResult> OnPostAsync(string lang, CancellationToken cancellationToken)
    {
        var result = await createCampaign.HandleAsync(Organisation, Form, cancellationToken);
        if (result.CampaignId is int id)
        {
            return Redirect($"/{lang}/organiser/{Organisation.Slug}/campaigns/{id}");
        }
        Errors = result.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
