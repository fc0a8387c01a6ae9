using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>The moderation queue: signatures of the organisation's campaigns, filtered, with bulk actions.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ModerateSignatures)]
public sealed class ModerationQueueModel(RalliementDb db, ModerateSignatures moderate) : OrganisationPageModel
{
    public const int MaxNote = 500;

    /// <summary>One signature as moderators see it: the address's domain, never the address.</summary>
    public sealed record Row(long Id, DateTime CreatedAt, string Name, string? Institution, string Domain, SignatureState State, bool ShowPublicly, string? Note, string Campaign);

    public sealed record CampaignChoice(int Id, string Title);

    [BindProperty(SupportsGet = true)]
    public QueueFilter Filter { get; set; } = new();

    public IReadOnlyList<CampaignChoice> Campaigns { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public long? NextBefore { get; private set; }
    /// <summary>After an action: which, and how many signatures it changed.</summary>
    public string? Done { get; private set; }
    public int Changed { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(string lang, string? done, int changed, CancellationToken cancellationToken)
    {
        Done = done is "approve" or "reject" or "hide" or "show" ? done : null;
        Changed = changed;
        await LoadAsync(lang, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string lang, string? act, long[] ids, string? note, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ModerationAction>(act, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen) || ids.Length == 0 || ids.Length > 500
            || note?.Length > MaxNote)
        {
            Error = ids.Length == 0 ? "NothingTicked" : "BadAction";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(lang, cancellationToken);
            return Page();
        }
        var changed = await moderate.HandleAsync(Organisation, chosen, ids, note, cancellationToken);
        var query = Filter.QueryString();
        var separator = query.Length == 0 ? "?" : "&";
        return Redirect($"/{lang}/organiser/{Organisation.Slug}/moderation{query}{separator}done={chosen.ToString().ToLowerInvariant()}&changed={changed}");
    }

    private async Task LoadAsync(string lang, CancellationToken cancellationToken)
    {
        Campaigns = await db.CampaignsOf(Organisation).AsNoTracking().OrderByDescending(c => c.CreatedAt)
            .Select(c => new CampaignChoice(c.Id,
                c.Texts.Where(t => t.Language == lang).Select(t => t.Title).FirstOrDefault()
                    ?? c.Texts.Where(t => t.Language == c.DefaultLanguage).Select(t => t.Title).FirstOrDefault() ?? c.Slug))
            .ToListAsync(cancellationToken);
        // The organisation's campaign ids rather than a join, so the (CampaignId, State, …) index serves the filter.
        var campaignIds = Campaigns.Select(c => c.Id).ToList();
        var found = await Filter.Apply(db.Signatures.AsNoTracking().Where(s => campaignIds.Contains(s.CampaignId)))
            .OrderByDescending(s => s.Id)
            .Take(QueueFilter.PageSize + 1)
            .Select(s => new
            {
                s.Id, s.CreatedAt, s.FirstName, s.LastName, s.OrganisationName, s.Institution, s.EmailDomain, s.State, s.ShowPublicly, s.ModerationNote, s.CampaignId,
            })
            .ToListAsync(cancellationToken);
        var titles = Campaigns.ToDictionary(c => c.Id, c => c.Title);
        Rows = found.Take(QueueFilter.PageSize)
            .Select(s => new Row(
                s.Id,
                s.CreatedAt,
                string.Join(' ', new[] { s.FirstName, s.LastName }.Where(n => !string.IsNullOrEmpty(n))) + (s.OrganisationName is null ? "" : $" ({s.OrganisationName})"),
                s.Institution,
                // The address stays out of the page: the domain is what tells a wave apart.
                s.EmailDomain ?? "",
                s.State,
                s.ShowPublicly,
                s.ModerationNote,
                titles.GetValueOrDefault(s.CampaignId, "")))
            .ToList();
        NextBefore = found.Count > QueueFilter.PageSize ? Rows[^1].Id : null;
    }
}
