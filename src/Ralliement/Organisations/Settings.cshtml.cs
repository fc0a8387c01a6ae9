using Ralliement.Organisers;

namespace Ralliement.Organisations;

[Authorize(Policy = OrganisationAccess.Policy.ManageSettings)]
public sealed class SettingsModel(UpdateOrganisationSettings settings) : OrganisationPageModel
{
    [BindProperty]
    public UpdateOrganisationSettings.Form Form { get; set; } = new();

    public FormErrors Errors { get; private set; } = FormErrors.None;
    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Form = UpdateOrganisationSettings.Form.Of(await settings.ReadAsync(Organisation, cancellationToken));
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string lang, CancellationToken cancellationToken)
    {
        Errors = await settings.HandleAsync(Organisation, Form, cancellationToken);
        if (!Errors.Any)
        {
            return Redirect($"/{lang}/organiser/{Organisation.Slug}/settings?saved=true");
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
