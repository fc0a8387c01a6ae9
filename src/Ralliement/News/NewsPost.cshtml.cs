using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Ralliement.Campaigns;
using Ralliement.Data;
using Ralliement.Organisers;

namespace Ralliement.News;

/// <summary>One news post: its preview, and while it is a draft, its form and the button that sends it.</summary>
[Authorize(Policy = OrganisationAccess.Policy.SendNews)]
public sealed class NewsPostModel(RalliementDb database, SaveNewsDraft saveDraft, StartSendingNews startSending, SendNews sender) : NewsPageModel(database)
{
    public NewsPost Post { get; private set; } = null!;
    public int Recipients { get; private set; }
    public bool Saved { get; private set; }

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
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string lang, int id, int newsId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lang, id, newsId, cancellationToken))
        {
            return NotFound();
        }
        Form = ReadForm();
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

    private async Task<bool> LoadAsync(string lang, int id, int newsId, CancellationToken cancellationToken)
    {
        if (!await LoadCampaignAsync(lang, id, cancellationToken))
        {
            return false;
        }
        var post = await Db.News.AsNoTracking().Include(n => n.Texts)
            .FirstOrDefaultAsync(n => n.Id == newsId && n.CampaignId == Campaign.Id, cancellationToken);
        if (post is null)
        {
            return false;
        }
        Post = post;
        foreach (var text in post.Texts)
        {
            Form.Subject[text.Language] = text.Subject;
            Form.Body[text.Language] = text.BodyMarkdown;
        }
        Recipients = await NewsCampaign.Recipients(Db, Campaign.Id).CountAsync(cancellationToken);
        return true;
    }
}
