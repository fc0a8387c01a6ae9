using System.Globalization;
using Ralliement.Organisers;

namespace Ralliement.News;

/// <summary>Turns a draft into a post being sent; <see cref="SendNews"/> then queues its emails batch by batch.</summary>
public sealed class StartSendingNews(RalliementDb db, Audit audit, TimeProvider clock, SendNews sender)
{
    public async Task<bool> HandleAsync(OrganisationContext organisation, NewsCampaign campaign, int newsId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional, so that two clicks on "Send" start one sending.
        var started = await db.News
            .Where(n => n.Id == newsId && n.CampaignId == campaign.Id && n.State == NewsState.Draft && n.Texts.Any(t => t.Language == campaign.DefaultLanguage))
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.State, NewsState.Sending).SetProperty(x => x.SendingStartedAt, now), cancellationToken);
        if (started == 0)
        {
            return false;
        }
        var recipients = await NewsCampaign.Recipients(db, campaign.Id).CountAsync(cancellationToken);
        audit.Record(organisation, "news.send", $"news:{newsId}", string.Create(CultureInfo.InvariantCulture, $"campaign:{campaign.Id} recipients={recipients}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        sender.Notify();
        return true;
    }
}
