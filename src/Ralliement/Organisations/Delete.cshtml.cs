using Microsoft.Extensions.Localization;
using Ralliement.Organisers;

namespace Ralliement.Organisations;

/// <summary>An owner deletes the organisation, after typing its slug so that it cannot happen by a slip.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ManageSettings)]
public sealed class DeleteModel(DeleteOrganisation delete, IStringLocalizer<AccountText> text) : OrganisationPageModel
{
    [BindProperty]
    public string? Confirmation { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        return Organisation.Role == OrganisationRole.Owner ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string lang, CancellationToken cancellationToken)
    {
        if (Organisation.Role != OrganisationRole.Owner)
        {
            return Forbid();
        }
        if (Confirmation?.Trim() != Organisation.Slug)
        {
            Error = text["DeleteSlugDiffers", Organisation.Slug];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await delete.HandleAsync(Organisation, cancellationToken);
        return Redirect($"/{lang}/organiser");
    }
}
