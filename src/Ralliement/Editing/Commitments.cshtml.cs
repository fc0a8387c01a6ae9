using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>The commitments signers can tick: one form for all of them and a new one (<see cref="EditCommitments"/>).</summary>
[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]
public sealed class CommitmentsModel(ReadCampaignSettings readSettings, EditCommitments editCommitments) : EditorPageModel(readSettings)
{
    /// <summary>What the form shows: the saved commitments, or what was typed when a post was refused.</summary>
    public EditCommitments.Form Form { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        Form = new EditCommitments.Form
        {
            Rows = [.. Campaign.Commitments.Select(c => new EditCommitments.Row { Id = c.Id, Position = c.Position, LabelFr = c.LabelFr, LabelEn = c.LabelEn })],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string lang, int id, [FromForm(Name = "Commitments")] EditCommitments.Form form, CancellationToken cancellationToken)
    {
        var result = await editCommitments.HandleAsync(Organisation, id, form, cancellationToken);
        // Shown again as typed, less the rows of commitments removed meanwhile.
        form.Remove = null;
        Form = form;
        var answer = await AnswerAsync(lang, id, "commitments", result, cancellationToken);
        if (result.Outcome == EditOutcome.Refused)
        {
            form.Rows.RemoveAll(row => Campaign.Commitment(row.Id) is null);
        }
        return answer;
    }
}
