using Ralliement.Campaigns;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>The text of a campaign in one language: write, preview (nothing saved), save.</summary>
[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]
public sealed class TextEditorModel(EditCampaignText editText, CompareTranslations compareTranslations) : OrganisationPageModel
{
    [BindProperty]
    public EditCampaignText.Form Form { get; set; } = new();

    public EditCampaignText.Editing Campaign { get; private set; } = null!;

    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>The sanitised HTML of the body as posted, when the organiser asked for a preview.</summary>
    public string? PreviewHtml { get; private set; }

    /// <summary>After a save: <c>Text</c> when the text changed, <c>Nothing</c> when it was the same (<see cref="EditResult.SavedQuery"/>).</summary>
    public string? Saved { get; private set; }

    /// <summary>The text in the other language, when it was amended after this one was last written.</summary>
    public CompareTranslations.Lag? Lag { get; private set; }


    public async Task<IActionResult> OnGetAsync(int id, string language, [FromQuery] string? saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, language, cancellationToken))
        {
            return NotFound();
        }
        Saved = saved;
        if (Campaign.Text is { } text)
        {
            Form = new EditCampaignText.Form { Title = text.Title, Summary = text.Summary, Body = text.BodyMarkdown };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string lang, int id, string language, [FromForm(Name = "preview")] string? preview, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, language, cancellationToken))
        {
            return NotFound();
        }
        if (preview is not null)
        {
            Errors = EditCampaignText.Validate(Form);
            PreviewHtml = CampaignMarkdown.ToSafeHtml(Form.NormalisedBody);
            return Page();
        }
        var result = await editText.HandleAsync(Organisation, id, language, Form, cancellationToken);
        if (result.Outcome == EditCampaignText.Outcome.NotFound)
        {
            return NotFound();
        }
        if (result.Outcome == EditCampaignText.Outcome.Refused)
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var said = result.Outcome == EditCampaignText.Outcome.Saved ? "Text" : "Nothing";
        return Redirect($"/{lang}/organiser/{Organisation.Slug}/campaigns/{id}/text/{language}?saved={said}");
    }

    private async Task<bool> LoadAsync(int id, string language, CancellationToken cancellationToken)
    {
        var campaign = await editText.ReadAsync(Organisation, id, language, cancellationToken);
        if (campaign is null)
        {
            return false;
        }
        Campaign = campaign;
        Lag = await compareTranslations.AheadOfAsync(id, language, cancellationToken);
        return true;
    }
}
