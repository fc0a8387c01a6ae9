using Ralliement.Organisers;

namespace Ralliement.News;

/// <summary>A campaign's news posts with their state and recipients, and the form to write a new one.</summary>
[Authorize(Policy = OrganisationAccess.Policy.SendNews)]
public sealed class NewsListModel(ReadNews read, SaveNewsDraft saveDraft) : OrganisationPageModel
{
    public NewsCampaign Campaign { get; private set; } = null!;
    public NewsForm Form { get; private set; } = new();
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public IReadOnlyList<ReadNews.Row> Posts { get; private set; } = [];
    public int Recipients { get; private set; }

    public string CampaignPath => Campaign.OrganiserPath(Organisation);

    public async Task<IActionResult> OnGetAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        Form = NewsForm.From(Request.Form);
        var result = await saveDraft.HandleAsync(Organisation, Campaign, null, Form, cancellationToken);
        if (result.NewsId is { } newsId)
        {
            return Redirect($"{CampaignPath}/news/{newsId}");
        }
        Errors = result.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (await read.CampaignAsync(Organisation, id, lang, cancellationToken) is not { } campaign)
        {
            return false;
        }
        Campaign = campaign;
        Posts = await read.ListAsync(campaign, lang, cancellationToken);
        Recipients = await read.CountRecipientsAsync(campaign, cancellationToken);
        return true;
    }
}
