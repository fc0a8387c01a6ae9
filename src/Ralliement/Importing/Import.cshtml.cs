using Ralliement.Organisers;

namespace Ralliement.Importing;

/// <summary>Uploads a CSV file of paper or earlier signatures; the next page previews it before anything is imported.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ImportSignatures)]
[RequestSizeLimit(ReadSignatureCsv.MaxRequestBytes)]
public sealed class ImportModel(ReadImport readImport, PrepareImport prepareImport) : OrganisationPageModel
{
    public ImportCampaign Campaign { get; private set; } = null!;
    public ReadSignatureCsv.Refusal? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(string lang, int id, CancellationToken cancellationToken) =>
        await LoadAsync(lang, id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string lang, int id, IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        var result = await prepareImport.HandleAsync(Organisation, Campaign, file, cancellationToken);
        if (result.Refused is not null)
        {
            Refused = result.Refused;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return Redirect($"/{lang}/organiser/{Organisation.Slug}/campaigns/{id}/import/{result.ImportId}");
    }

    private async Task<bool> LoadAsync(string lang, int id, CancellationToken cancellationToken)
    {
        Campaign = (await readImport.CampaignAsync(Organisation, id, lang, cancellationToken))!;
        return Campaign is not null;
    }
}
