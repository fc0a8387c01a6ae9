using Ralliement.Organisers;

namespace Ralliement.Importing;

/// <summary>Shows what a checked file holds and would import; its button imports it, once.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ImportSignatures)]
public sealed class ImportPreviewModel(ReadImport readImport, ConfirmImport confirmImport) : OrganisationPageModel
{
    /// <summary>Rows shown as a sample of what will be imported; the rest are counted.</summary>
    public const int SampleSize = 10;

    public ImportCampaign Campaign { get; private set; } = null!;
    public ReadImport.View Import { get; private set; } = null!;
    public ConfirmImport.Result? Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string lang, int id, int importId, CancellationToken cancellationToken) =>
        await LoadAsync(lang, id, importId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string lang, int id, int importId, CancellationToken cancellationToken)
    {
        Campaign = (await readImport.CampaignAsync(Organisation, id, lang, cancellationToken))!;
        if (Campaign is null)
        {
            return NotFound();
        }
        Confirmed = await confirmImport.HandleAsync(Organisation, id, importId, cancellationToken);
        if (Confirmed.Outcome == ConfirmImport.Outcome.NotFound)
        {
            return NotFound();
        }
        Import = (await readImport.HandleAsync(id, importId, cancellationToken))!;
        if (Confirmed.Outcome != ConfirmImport.Outcome.Imported)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        return Page();
    }

    private async Task<bool> LoadAsync(string lang, int id, int importId, CancellationToken cancellationToken)
    {
        Campaign = (await readImport.CampaignAsync(Organisation, id, lang, cancellationToken))!;
        if (Campaign is null)
        {
            return false;
        }
        Import = (await readImport.HandleAsync(id, importId, cancellationToken))!;
        return Import is not null;
    }
}
