namespace Ralliement.Organisers;

/// <summary>
/// A page of an organisation's area: the organisation and the organiser's role in it, as the
/// organisation policy checked them before the handler runs.
/// </summary>
public abstract class OrganisationPageModel : PageModel
{
    public OrganisationContext Organisation => HttpContext.Organisation();
}
