using System.Security.Claims;

namespace Ralliement.Organisers;

/// <summary>A signed-in organiser creates an organisation and becomes its owner (see <see cref="CreateOrganisation"/>).</summary>
[Authorize]
public sealed class NewOrganisationModel(CreateOrganisation creation) : PageModel
{
    [BindProperty]
    public CreateOrganisation.Form Form { get; set; } = new();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public bool MayCreate => creation.Allowed;

    public IActionResult OnGet() => MayCreate ? Page() : Closed();

    public async Task<IActionResult> OnPostAsync([FromRoute] string lang, CancellationToken cancellationToken)
    {
        if (!MayCreate)
        {
            return Closed();
        }
        var result = await creation.HandleAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, Form, cancellationToken);
        if (result.Slug is not null)
        {
            return Redirect($"/{lang}/organiser/first-steps?created={Uri.EscapeDataString(result.Slug)}");
        }
        Errors = result.Errors;
        if (string.IsNullOrWhiteSpace(Form.Slug) && result.Proposed is not null)
        {
            // The slug was made from the name and is taken: the free one offered fills the field.
            Form.Slug = result.Proposed;
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private PageResult Closed()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
