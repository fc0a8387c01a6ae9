using Ralliement.Organisers;

namespace Ralliement.Export;

/// <summary>The page offering a campaign's downloads, saying what each file holds and why.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ExportSignatures)]
public sealed class ExportPageModel(ReadExportChoices read) : OrganisationPageModel
{
    public string Title { get; private set; } = "";
    public int Signatures { get; private set; }
    public int Contacts { get; private set; }

    public async Task<IActionResult> OnGetAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (await read.HandleAsync(Organisation, id, lang, cancellationToken) is not { } choices)
        {
            return NotFound();
        }
        Title = choices.Title;
        Signatures = choices.Signatures;
        Contacts = choices.Contacts;
        return Page();
    }
}
