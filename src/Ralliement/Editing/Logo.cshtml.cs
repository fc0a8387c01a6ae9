using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// The logo upload. Its request may exceed the site's 64 KB body limit
/// (<see cref="Shared.WebSecurity.MaxRequestBodyBytes"/>); a refused file is explained here.
/// </summary>
[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]
[RequestSizeLimit(MaxRequestBytes)]
public sealed class LogoModel(UploadCampaignLogo uploadLogo, ReadCampaignOverview readOverview) : OrganisationPageModel
{
    /// <summary>
    /// More than a logo may weigh, so that a file a little too heavy reaches this page, which says how
    /// large a logo may be; beyond it, the generic 413 page.
    /// </summary>
    public const long MaxRequestBytes = 1024 * 1024;

    public string Reason { get; private set; } = "";

    public ReadCampaignOverview.View Campaign { get; private set; } = null!;


    /// <summary>The current logo for its editors, a draft's included (the public address serves published campaigns only).</summary>
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-cache";
        return await uploadLogo.ReadAsync(Organisation, id, cancellationToken) is { } logo
            ? File(logo.Content, logo.ContentType)
            : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string lang, int id, IFormFile? file, CancellationToken cancellationToken)
    {
        var result = await uploadLogo.HandleAsync(Organisation, id, file, cancellationToken);
        if (result.Outcome == UploadCampaignLogo.Outcome.NotFound || await readOverview.HandleAsync(Organisation, id, cancellationToken) is not { } campaign)
        {
            return NotFound();
        }
        if (result.Outcome == UploadCampaignLogo.Outcome.Saved)
        {
            return Redirect($"/{lang}/organiser/{Organisation.Slug}/campaigns/{id}/edit?saved=true#logo");
        }
        Campaign = campaign;
        Reason = result.Reason!;
        Response.StatusCode = result.Outcome == UploadCampaignLogo.Outcome.TooLarge
            ? StatusCodes.Status413PayloadTooLarge
            : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
