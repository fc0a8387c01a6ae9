using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Organisers;

namespace Ralliement.News;

/// <summary>A campaign's news posts with their state and recipients, and the form to write a new one.</summary>
[Authorize(Policy = OrganisationAccess.Policy.SendNews)]
public sealed class NewsListModel(RalliementDb database, SaveNewsDraft saveDraft) : NewsPageModel(database)
{
    public sealed record Row(int Id, string Subject, NewsState State, DateTime CreatedAt, DateTime? SentAt, int RecipientCount);

    public IReadOnlyList<Row> Posts { get; private set; } = [];
    public int Recipients { get; private set; }

    public async Task<IActionResult> OnGetAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (!await LoadCampaignAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        await LoadListAsync(lang, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string lang, int id, CancellationToken cancellationToken)
    {
        if (!await LoadCampaignAsync(lang, id, cancellationToken))
        {
            return NotFound();
        }
        Form = ReadForm();
        var result = await saveDraft.HandleAsync(Organisation, Campaign, null, Form, cancellationToken);
        if (result.NewsId is { } newsId)
        {
            return Redirect($"{CampaignPath}/news/{newsId}");
        }
        Errors = result.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadListAsync(lang, cancellationToken);
        return Page();
    }

    private async Task LoadListAsync(string lang, CancellationToken cancellationToken)
    {
        var campaignId = Campaign.Id;
        var defaultLanguage = Campaign.DefaultLanguage;
        Posts = await Db.News.AsNoTracking()
            .Where(n => n.CampaignId == campaignId)
            .OrderByDescending(n => n.Id)
            .Select(n => new Row(
                n.Id,
                n.Texts.Where(t => t.Language == lang).Select(t => t.Subject).FirstOrDefault()
                    ?? n.Texts.Where(t => t.Language == defaultLanguage).Select(t => t.Subject).FirstOrDefault() ?? "",
                n.State, n.CreatedAt, n.SentAt, n.RecipientCount))
            .ToListAsync(cancellationToken);
        Recipients = await NewsCampaign.Recipients(Db, campaignId).CountAsync(cancellationToken);
    }
}
