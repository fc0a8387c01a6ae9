using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Backups;
using Ralliement.Organisers;

namespace Ralliement.Organisations;

/// <summary>
/// Deletes an organisation and everything it holds: campaigns with their texts, versions, fields,
/// logos, news, imports and signatures (with their tokens), members, invitations and its audit log.
/// Organisers' accounts stay: they may belong to other organisations.
/// </summary>
public sealed class DeleteOrganisation(RalliementDb db, IOutputCacheStore publicPages, ErasureLog erasures)
{
    public async Task HandleAsync(OrganisationContext organisation, CancellationToken cancellationToken)
    {
        var id = organisation.Id;
        var campaigns = db.Campaigns.Where(c => c.OrganisationId == id).Select(c => c.Id);
        var commitments = db.Commitments.Where(c => campaigns.Contains(c.CampaignId)).Select(c => c.Id);
        var fields = db.CustomFields.Where(f => campaigns.Contains(f.CampaignId)).Select(f => f.Id);
        var news = db.News.Where(n => campaigns.Contains(n.CampaignId)).Select(n => n.Id);

        // Every row is deleted explicitly, children first, in one transaction, rather than left to
        // the foreign keys: they cascade on most relationships but restrict on some (a signature's
        // commitments and field values), and ExecuteDelete bypasses EF's own cascading.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DeleteSignaturesAsync(db.Signatures.Where(s => campaigns.Contains(s.CampaignId)), cancellationToken);
        await db.Set<CustomFieldLabel>().Where(l => fields.Contains(l.CustomFieldId)).ExecuteDeleteAsync(cancellationToken);
        await db.CustomFields.Where(f => campaigns.Contains(f.CampaignId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CommitmentLabel>().Where(l => commitments.Contains(l.CommitmentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Commitments.Where(c => campaigns.Contains(c.CampaignId)).ExecuteDeleteAsync(cancellationToken);
        await db.NewsTexts.Where(t => news.Contains(t.NewsPostId)).ExecuteDeleteAsync(cancellationToken);
        await db.News.Where(n => campaigns.Contains(n.CampaignId)).ExecuteDeleteAsync(cancellationToken);
        await db.SignatureImports.Where(i => campaigns.Contains(i.CampaignId)).ExecuteDeleteAsync(cancellationToken);
        await db.CampaignLogos.Where(l => campaigns.Contains(l.CampaignId)).ExecuteDeleteAsync(cancellationToken);
        await db.CampaignTextVersions.Where(v => campaigns.Contains(v.CampaignId)).ExecuteDeleteAsync(cancellationToken);
        await db.CampaignTexts.Where(t => campaigns.Contains(t.CampaignId)).ExecuteDeleteAsync(cancellationToken);
        await db.Campaigns.Where(c => c.OrganisationId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Invitations.Where(i => i.OrganisationId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Memberships.Where(m => m.OrganisationId == id).ExecuteDeleteAsync(cancellationToken);
        await db.AuditLog.Where(a => a.OrganisationId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Organisations.Where(o => o.Id == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        erasures.Record(ErasureKind.OrganisationDeleted, id);
        // Its campaigns' public pages must go now, not when their cached copies expire.
        await publicPages.EvictByTagAsync(PublicPageCaching.Tag, CancellationToken.None);
    }
}
