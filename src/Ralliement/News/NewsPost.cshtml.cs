using Ralliement.Campaigns;
using Ralliement.Organisers;

namespace Ralliement.News;

/// <summary>One news post: its preview, and while it is a draft, its form and the button that sends it.</summary>
[Authorize(Policy = OrganisationAccess.Policy.SendNews)]
public sealed class NewsPostModel(ReadNews read, SaveNewsDraft saveDraft, StartSendingNews startSending, SendTestNews sendTest, SendNews sender, PublishNews publish) : OrganisationPageModel
{
    public NewsCampaign Campaign { get; private set; } = null!;
    public NewsPost Post { get; private set; } = null!;
    public NewsForm Form { get; private set; } = new();
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public int Recipients { get; private set; }
    public bool Saved { get; private set; }

    /// <summary>The organiser's own address, where "Send me a test" goes.</summary>
    public string? OwnAddress { get; private set; }

    /// <summary>Where a test was just sent, shown once after the redirect.</summary>
    public string? TestSentTo { get; private set; }

    public string CampaignPath => Campaign.OrganiserPath(Organisation);

    /// <summary>The base of the links the emails will carry, shown so a wrong one is seen before sending.</summary>
    public string LinksBase => sender.BaseUrl();

    public static string Preview(string markdown) => CampaignMarkdown.ToSafeHtml(markdown);

    public async Task<IActionResult> OnGetAsync(string lang, int id, int newsId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, newsId, cancellationToken))
        {
            return NotFound();
        }
        Saved = Request.Query.ContainsKey("saved");
        if (Request.Query.ContainsKey("tested"))
        {
            TestSentTo = OwnAddress;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(string lang, int id, int newsId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, newsId, cancellationToken))
        {
            return NotFound();
        }
        if (await sendTest.HandleAsync(Organisation, Campaign, Post, lang, cancellationToken) is null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return Redirect($"{CampaignPath}/news/{newsId}?tested");
    }

    public async Task<IActionResult> OnPostSaveAsync(string lang, int id, int newsId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, newsId, cancellationToken))
        {
            return NotFound();
        }
        Form = NewsForm.From(Request.Form);
        var result = await saveDraft.HandleAsync(Organisation, Campaign, newsId, Form, cancellationToken);
        if (result.NewsId is not null)
        {
            return Redirect($"{CampaignPath}/news/{newsId}?saved");
        }
        Errors = result.Errors;
        Response.StatusCode = result.NotADraft ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(string lang, int id, int newsId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, newsId, cancellationToken))
        {
            return NotFound();
        }
        if (!await startSending.HandleAsync(Organisation, Campaign, newsId, cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return Redirect($"{CampaignPath}/news/{newsId}");
    }

    /// <summary>Publishes a post on the campaign's public page, or takes it off, before or after sending.</summary>
    public async Task<IActionResult> OnPostPublishAsync(string lang, int id, int newsId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, newsId, cancellationToken)
            || !await publish.HandleAsync(Organisation, Campaign, newsId, Request.Form["Publish"] == "true", cancellationToken))
        {
            return NotFound();
        }
        return Redirect($"{CampaignPath}/news/{newsId}");
    }

    private async Task<bool> LoadAsync(string lang, int id, int newsId, CancellationToken cancellationToken)
    {
        if (await read.CampaignAsync(Organisation, id, lang, cancellationToken) is not { } campaign
            || await read.PostAsync(campaign, newsId, cancellationToken) is not { } post)
        {
            return false;
        }
        Campaign = campaign;
        Post = post;
        foreach (var text in post.Texts)
        {
            Form.Subject[text.Language] = text.Subject;
            Form.Body[text.Language] = text.BodyMarkdown;
        }
        Form.Publish = post.PublishedInFeed;
        Recipients = await read.CountRecipientsAsync(campaign, cancellationToken);
        OwnAddress = await sendTest.AddressOfAsync(Organisation, cancellationToken);
        return true;
    }
}
