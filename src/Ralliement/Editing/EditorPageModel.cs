using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// A page of a campaign's settings (settings, commitments, fields, logo, display kit): each holds one form, whose
/// post either redirects back here saying what was saved, or shows the form again as typed with what
/// was wrong (422).
/// </summary>
public abstract class EditorPageModel(ReadCampaignSettings readSettings) : OrganisationPageModel
{
    public ReadCampaignSettings.View Campaign { get; private set; } = null!;

    public FormErrors Errors { get; protected set; } = FormErrors.None;

    /// <summary>What the last post saved (<see cref="EditResult.SavedQuery"/>), said once after its redirect.</summary>
    [FromQuery(Name = "saved")]
    public string? Saved { get; set; }

    /// <summary>The campaign's path in the organisers' area, which the editor pages hang from.</summary>
    public string CampaignPath => $"/{Languages.Current}/organiser/{Organisation.Slug}/campaigns/{Campaign.Campaign.Id}";

    protected async Task<bool> LoadAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (await readSettings.HandleAsync(Organisation, id, lang, cancellationToken) is not { } campaign)
        {
            return false;
        }
        Campaign = campaign;
        return true;
    }

    /// <summary>After a post: back to <paramref name="page"/> saying what was saved, 404 for another organisation's campaign, the page as typed (422) when refused.</summary>
    protected async Task<IActionResult> AnswerAsync(string lang, int id, string page, EditResult result, CancellationToken cancellationToken)
    {
        if (result.Outcome == EditOutcome.NotFound || !await LoadAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect($"/{lang}/organiser/{Organisation.Slug}/campaigns/{id}/{page}?{result.SavedQuery}");
        }
        Errors = result.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

/// <summary>The editor's navigation between a campaign's pages, for the <c>_CampaignNav</c> partial.</summary>
/// <param name="CampaignPath">The campaign's path in the organisers' area.</param>
/// <param name="Current">The page shown: <c>overview</c>, <c>text/fr</c>, <c>text/en</c>, <c>edit</c>, <c>commitments</c>, <c>fields</c>, <c>affiliations</c>, <c>logo</c> or <c>kit</c>.</param>
public sealed record CampaignNavigation(string CampaignPath, string Current);
