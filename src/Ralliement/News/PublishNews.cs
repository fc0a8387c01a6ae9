using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Organisers;

namespace Ralliement.News;

/// <summary>
/// Publishes a post on the campaign's public news page and feeds, or takes it off them. A draft keeps
/// the choice for when it is sent; a sent post appears or leaves at once.
/// </summary>
public sealed class PublishNews(RalliementDb db, Audit audit, IOutputCacheStore publicPages)
{
    public async Task<bool> HandleAsync(OrganisationContext organisation, NewsCampaign campaign, int newsId, bool publish, CancellationToken cancellationToken)
    {
        var changed = await db.News
            .Where(n => n.Id == newsId && n.CampaignId == campaign.Id && n.PublishedInFeed != publish)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.PublishedInFeed, publish), cancellationToken);
        if (changed == 0)
        {
            return await db.News.AnyAsync(n => n.Id == newsId && n.CampaignId == campaign.Id, cancellationToken);
        }
        audit.Record(organisation, publish ? "news.publish" : "news.unpublish", $"news:{newsId}", $"campaign:{campaign.Id}");
        await db.SaveChangesAsync(cancellationToken);
        await publicPages.EvictByTagAsync(PublicPageCaching.Tag, CancellationToken.None);
        return true;
    }
}
