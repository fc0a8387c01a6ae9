using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// The campaign's logo: the current one and the upload form. Its request may exceed the site's 64 KB
/// body limit (<see cref="Shared.WebSecurity.MaxRequestBodyBytes"/>); a refused file is explained here.
/// </summary>
[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]
[RequestSizeLimit(MaxRequestBytes)]
public sealed class LogoModel(UploadCampaignLogo uploadLogo, ReadCampaignSettings readSettings) : EditorPageModel(readSettings)
{
    /// <summary>
    /// More than a logo may weigh, so that a file a little too heavy reaches this page, which says how
    /// large a logo may be; beyond it, the generic 413 page.
    /// </summary>
    public const long MaxRequestBytes = 1024 * 1024;

    /// <summary>Why the file was refused (an <see cref="EditorText"/> key), or null.</summary>
    public string? Reason { get; private set; }

    public async Task<IActionResult> OnGetAsync(string lang, int id, CancellationToken cancellationToken) =>
        await LoadAsync(lang, id, cancellationToken) ? Page() : NotFound();

    /// <summary>The current logo for its editors, a draft's included (the public address serves published campaigns only).</summary>
    public async Task<IActionResult> OnGetImageAsync(int id, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-cache";
        return await uploadLogo.ReadAsync(Organisation, id, cancellationToken) is { } logo
            ? File(logo.Content, logo.ContentType)
            : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string lang, int id, IFormFile? file, CancellationToken cancellationToken)
    {
        var result = await uploadLogo.HandleAsync(Organisation, id, file, cancellationToken);
        if (result.Outcome == UploadCampaignLogo.Outcome.NotFound || !await LoadAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        if (result.Outcome == UploadCampaignLogo.Outcome.Saved)
        {
            return Redirect($"/{lang}/organiser/{Organisation.Slug}/campaigns/{id}/logo?saved=Logo");
        }
        Reason = result.Reason!;
        Response.StatusCode = result.Outcome == UploadCampaignLogo.Outcome.TooLarge
            ? StatusCodes.Status413PayloadTooLarge
            : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
