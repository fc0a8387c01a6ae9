using Ralliement.Affiliations;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>The institutions a campaign recognises by their email domains, and how many verified members each has (<see cref="EditAffiliations"/>).</summary>
[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]
public sealed class AffiliationsModel(ReadCampaignSettings readSettings, ReadAffiliations readAffiliations, EditAffiliations editAffiliations) : EditorPageModel(readSettings)
{
    public ReadAffiliations.View Affiliations { get; private set; } = null!;

    /// <summary>What the form shows: the saved institutions, or what was typed when a post was refused.</summary>
    public EditAffiliations.Form Form { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        Affiliations = await readAffiliations.HandleAsync(id, cancellationToken);
        Form = new EditAffiliations.Form
        {
            Institutions = [.. Affiliations.Institutions.Select(i => new EditAffiliations.Row { Id = i.Id, Name = i.Name })],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string lang, int id, [FromForm(Name = "Affiliations")] EditAffiliations.Form form, CancellationToken cancellationToken)
    {
        var result = await editAffiliations.HandleAsync(Organisation, id, form, cancellationToken);
        form.RemoveInstitution = null;
        form.RemoveDomain = null;
        Form = form;
        var answer = await AnswerAsync(lang, id, "affiliations", result, cancellationToken);
        if (result.Outcome == EditOutcome.Refused)
        {
            Affiliations = await readAffiliations.HandleAsync(id, cancellationToken);
            // Shown again as typed, less the rows of institutions removed meanwhile.
            form.Institutions.RemoveAll(row => Affiliations.Institution(row.Id) is null);
        }
        return answer;
    }
}
