using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>The fields a campaign adds to the signing form: one form for all of them and a new one (<see cref="EditCustomFields"/>).</summary>
[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]
public sealed class FieldsModel(ReadCampaignSettings readSettings, EditCustomFields editFields) : EditorPageModel(readSettings)
{
    /// <summary>What the form shows: the saved fields, or what was typed when a post was refused.</summary>
    public EditCustomFields.Form Form { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        Form = new EditCustomFields.Form
        {
            Rows = [.. Campaign.Fields.Select(f => new EditCustomFields.Row { Id = f.Id, LabelFr = f.LabelFr, LabelEn = f.LabelEn, Rule = f.Rule, ShownPublicly = f.ShownPublicly })],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string lang, int id, [FromForm(Name = "Fields")] EditCustomFields.Form form, CancellationToken cancellationToken)
    {
        var result = await editFields.HandleAsync(Organisation, id, form, cancellationToken);
        // Shown again as typed, less the rows of fields removed meanwhile.
        form.Remove = null;
        Form = form;
        var answer = await AnswerAsync(lang, id, "fields", result, cancellationToken);
        if (result.Outcome == EditOutcome.Refused)
        {
            form.Rows.RemoveAll(row => Campaign.Field(row.Id) is null);
        }
        return answer;
    }
}
