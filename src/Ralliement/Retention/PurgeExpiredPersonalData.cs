using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Privacy;

namespace Ralliement.Retention;

/// <summary>
/// Once a campaign has been closed (or archived) for its organisation's retention period, erases
/// its signers' personal data, daily and at start. Signatures that never counted (pending, held,
/// rejected) are deleted; counted and withdrawn ones keep only what the counts and aggregated
/// statistics need (state, kind, source, dates, commitments). The count does not change, and the
/// campaign records when it happened, which its public page then says and which forbids reopening it.
/// </summary>
public sealed partial class PurgeExpiredPersonalData(
    RalliementDb db,
    TimeProvider clock,
    IOutputCacheStore publicPages,
    ILogger<PurgeExpiredPersonalData> logger) : IPeriodicWork
{
    public static TimeSpan Interval => TimeSpan.FromDays(1);

    /// <summary>Signatures changed per transaction: a campaign of a million signatures never holds one long lock.</summary>
    private const int BatchSize = 1000;

    private static readonly SignatureState[] NeverCounted = [SignatureState.Pending, SignatureState.Held, SignatureState.Rejected];

    public Task RunAsync(CancellationToken cancellationToken) => PurgeAsync(cancellationToken);

    /// <summary>Purges every campaign due; returns how many were purged.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Few campaigns are ever closed and not yet purged: their retention is worked out here, not in SQL.
        var closed = await db.Campaigns
            .Where(c => (c.State == CampaignState.Closed || c.State == CampaignState.Archived) && c.PersonalDataPurgedAt == null)
            .Select(c => new { c.Id, c.OrganisationId, End = c.ClosedAt ?? c.ArchivedAt, c.Organisation.RetentionMonths })
            .ToListAsync(cancellationToken);
        var due = closed.Where(c => c.End is DateTime end && end.AddMonths(c.RetentionMonths) <= now).ToList();
        foreach (var campaign in due)
        {
            await PurgeCampaignAsync(campaign.Id, campaign.OrganisationId, cancellationToken);
        }
        if (due.Count > 0)
        {
            await publicPages.EvictByTagAsync(PublicPageCaching.Tag, CancellationToken.None);
        }
        return due.Count;
    }

    private async Task PurgeCampaignAsync(int campaignId, int organisationId, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var kept = 0;
        long after = 0;
        while (true)
        {
            var ids = await db.Signatures.Where(s => s.CampaignId == campaignId && s.Id > after)
                .OrderBy(s => s.Id).Select(s => s.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }
            after = ids[^1];
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            deleted += await db.DeleteSignaturesAsync(db.Signatures.Where(s => ids.Contains(s.Id) && NeverCounted.Contains(s.State)), cancellationToken);
            var counted = db.Signatures.Where(s => ids.Contains(s.Id));
            await db.DeleteRowsOfAsync(counted, keepCommitments: true, cancellationToken);
            kept += await Anonymise(counted, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // Imports kept the rows read from their files, names and addresses included.
        await db.SignatureImports.Where(i => i.CampaignId == campaignId)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.RowsJson, "[]"), cancellationToken);
        await db.Campaigns.Where(c => c.Id == campaignId)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.PersonalDataPurgedAt, now), cancellationToken);
        db.AuditLog.Add(new AuditEntry
        {
            OrganisationId = organisationId,
            Actor = "system",
            Action = "campaign.purge",
            Target = $"campaign:{campaignId}",
            Details = $"retention period over: {deleted} signatures never counted deleted, {kept} kept without personal data",
            At = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        LogPurged(logger, campaignId, deleted, kept);
    }

    /// <summary>Everything that could name a signer goes; state, kind, source, dates and commitments stay.</summary>
    private static Task<int> Anonymise(IQueryable<Signature> signatures, CancellationToken cancellationToken) =>
        signatures.ExecuteUpdateAsync(PersonalFields.Erase, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention over for campaign {CampaignId}: {Deleted} signatures never counted deleted, {Kept} kept without personal data")]
    private static partial void LogPurged(ILogger logger, int campaignId, int deleted, int kept);
}
