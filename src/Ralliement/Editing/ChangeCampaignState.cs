using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// Moves a campaign along draft → open → closed → archived, with a way back from closed to open.
/// Publishing follows <see cref="PublishingChecklist"/>: a text in each of the campaign's languages and
/// a public contact for the notices, among others.
/// </summary>
public sealed class ChangeCampaignState(RalliementDb db, Audit audit, TimeProvider clock, IOutputCacheStore publicPages)
{
    /// <summary>The transitions offered, by the state they start from.</summary>
    public static readonly IReadOnlyList<(string Action, CampaignState From, CampaignState To)> Transitions =
    [
        ("publish", CampaignState.Draft, CampaignState.Open),
        ("close", CampaignState.Open, CampaignState.Closed),
        ("reopen", CampaignState.Closed, CampaignState.Open),
        ("archive", CampaignState.Closed, CampaignState.Archived),
    ];

    public static IEnumerable<string> ActionsFrom(CampaignState state) =>
        Transitions.Where(t => t.From == state).Select(t => t.Action);

    public enum Outcome { Done, NotFound, Refused }

    /// <summary>
    /// What happened, and for a refusal the <see cref="EditorText"/> key that says why; a refused
    /// publication carries its checklist, whose missing items say what to do.
    /// </summary>
    public sealed record Result(Outcome Outcome, string? Reason = null, IReadOnlyList<PublishingChecklist.Item>? Checklist = null);

    /// <summary>A draft's checklist before publishing, with its title in the language asked for; null for another organisation's campaign.</summary>
    public sealed record Preview(string Title, CampaignState State, IReadOnlyList<PublishingChecklist.Item> Checklist);

    public async Task<Preview?> PreviewAsync(OrganisationContext organisation, int campaignId, string language, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).AsNoTracking().Include(c => c.Texts)
            .FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return null;
        }
        var title = (campaign.Texts.FirstOrDefault(t => t.Language == language) ?? campaign.Texts.FirstOrDefault(t => t.Language == campaign.DefaultLanguage))?.Title ?? campaign.Slug;
        return new Preview(title, campaign.State, await ChecklistAsync(organisation, campaign, cancellationToken));
    }

    private async Task<IReadOnlyList<PublishingChecklist.Item>> ChecklistAsync(OrganisationContext organisation, Campaign campaign, CancellationToken cancellationToken)
    {
        var contact = await db.Organisations.Where(o => o.Id == organisation.Id).Select(o => o.ContactEmail).SingleAsync(cancellationToken);
        return PublishingChecklist.Of(campaign, contact, clock.GetUtcNow().UtcDateTime);
    }

    public async Task<Result> HandleAsync(OrganisationContext organisation, int campaignId, string? action, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).Include(c => c.Texts)
            .FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return new Result(Outcome.NotFound);
        }
        var transition = Transitions.FirstOrDefault(t => t.Action == action && t.From == campaign.State);
        if (transition.Action is null)
        {
            return new Result(Outcome.Refused, Transitions.Any(t => t.Action == action) ? "TransitionRefused" : "TransitionUnknown");
        }
        if (transition.Action == "reopen" && campaign.PersonalDataPurgedAt is not null)
        {
            // Its signers' names and addresses are gone: reopened, it would count new signers among
            // ones nobody can check any more, and its public list would restart from nothing.
            return new Result(Outcome.Refused, "ReopenAfterPurge");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (transition.Action == "publish")
        {
            var checklist = await ChecklistAsync(organisation, campaign, cancellationToken);
            if (!PublishingChecklist.IsReady(checklist))
            {
                return new Result(Outcome.Refused, "PublishIncomplete", checklist);
            }
            campaign.PublishedAt = now;
        }
        else if (transition.Action == "close")
        {
            campaign.ClosedAt = now;
        }
        else if (transition.Action == "reopen")
        {
            campaign.ClosedAt = null;
        }
        else if (transition.Action == "archive")
        {
            campaign.ArchivedAt = now;
        }
        campaign.State = transition.To;
        audit.Record(organisation, $"campaign.{transition.Action}", $"campaign:{campaign.Id}", $"{transition.From} → {transition.To}");
        await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        return new Result(Outcome.Done);
    }
}
