using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Backups;
using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>What a moderator does to the signatures ticked in the queue.</summary>
public enum ModerationAction { Approve, Reject, Hide, Show }

/// <summary>
/// A moderator's bulk action on signatures of the organisation's campaigns. Each change is one
/// conditional UPDATE per campaign whose WHERE names the state expected, and the campaign's count
/// moves by the number of rows that UPDATE changed: two moderators approving the same rows at once
/// change them once and count them once (PostgreSQL re-checks the WHERE after the other's commit;
/// SQLite runs one writer at a time). One audit entry per action, with the count and the ids.
/// </summary>
public sealed class ModerateSignatures(RalliementDb db, Audit audit, TimeProvider clock, IOutputCacheStore publicPages, ErasureLog erasures)
{
    /// <summary>
    /// Starts the note of a name hidden by a moderator. "Show again" only touches notes that start
    /// with it, so it can never show a signer who chose not to appear.
    /// </summary>
    public const string HiddenMark = "[hidden]";

    /// <returns>How many signatures the action changed.</returns>
    public Task<int> HandleAsync(OrganisationContext organisation, ModerationAction action, IReadOnlyCollection<long> ids, string? note, CancellationToken cancellationToken) =>
        HandleAsync(organisation, action, ids, note, $"signature.{action.ToString().ToLowerInvariant()}", null, cancellationToken);

    /// <param name="auditAction">The audit log's name for the action (a spam wave is logged as such).</param>
    /// <param name="criteria">What selected the signatures, added to the audit entry.</param>
    public async Task<int> HandleAsync(OrganisationContext organisation, ModerationAction action, IReadOnlyCollection<long> ids, string? note,
        string auditAction, string? criteria, CancellationToken cancellationToken)
    {
        var selected = ids.Distinct().ToList();
        if (selected.Count == 0)
        {
            return 0;
        }
        // Read before the transaction: on SQLite a transaction that reads first and writes second
        // cannot take the write lock once another moderator's write committed in between.
        var byCampaign = await db.Signatures.AsNoTracking()
            .Where(s => selected.Contains(s.Id) && s.Campaign.OrganisationId == organisation.Id)
            .Select(s => new { s.CampaignId, s.Id })
            .ToListAsync(cancellationToken);
        var found = byCampaign.Select(s => s.Id).ToList();
        var campaigns = byCampaign.Select(s => s.CampaignId).Distinct().Order().ToList();
        var changed = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var campaignId in campaigns)
        {
            var rows = db.Signatures.Where(s => s.CampaignId == campaignId && found.Contains(s.Id));
            changed += action switch
            {
                ModerationAction.Approve => await ApproveAsync(campaignId, rows, now, cancellationToken),
                ModerationAction.Reject => await RejectAsync(campaignId, rows, note, cancellationToken),
                ModerationAction.Hide => await rows.Where(s => s.ShowPublicly)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ShowPublicly, false).SetProperty(x => x.ModerationNote, $"{HiddenMark} {note}".Trim()), cancellationToken),
                ModerationAction.Show => await rows.Where(s => !s.ShowPublicly && s.ModerationNote != null && s.ModerationNote.StartsWith(HiddenMark))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ShowPublicly, true).SetProperty(x => x.ModerationNote, (string?)null), cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(action)),
            };
        }
        audit.Record(organisation, auditAction, TargetOf(campaigns), (criteria is null ? "" : criteria + "; ") + DetailsOf(changed, found));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        erasures.Record(ErasureKind.SignatureRejected, action == ModerationAction.Reject && changed > 0 ? found : []);
        if (changed > 0)
        {
            // Counts and names leave this node's cached public pages now; other nodes follow within Caching:PublicPages.
            await publicPages.EvictByTagAsync(PublicPageCaching.Tag, CancellationToken.None);
        }
        return changed;
    }

    private async Task<int> ApproveAsync(int campaignId, IQueryable<Signature> rows, DateTime now, CancellationToken cancellationToken)
    {
        var approved = await rows.Where(s => s.State == SignatureState.Held)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, SignatureState.Confirmed)
                .SetProperty(x => x.ConfirmedAt, x => x.ConfirmedAt ?? now), cancellationToken);
        await CountAsync(campaignId, approved, cancellationToken);
        return approved;
    }

    /// <summary>Rejected signatures keep their data (until retention) and their address key, so the address cannot sign again.</summary>
    private async Task<int> RejectAsync(int campaignId, IQueryable<Signature> rows, string? note, CancellationToken cancellationToken)
    {
        var wasConfirmed = await rows.Where(s => s.State == SignatureState.Confirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SignatureState.Rejected).SetProperty(x => x.ModerationNote, x => note ?? x.ModerationNote), cancellationToken);
        var wasOther = await rows.Where(s => s.State == SignatureState.Held || s.State == SignatureState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SignatureState.Rejected).SetProperty(x => x.ModerationNote, x => note ?? x.ModerationNote), cancellationToken);
        await CountAsync(campaignId, -wasConfirmed, cancellationToken);
        return wasConfirmed + wasOther;
    }

    private async Task CountAsync(int campaignId, int change, CancellationToken cancellationToken)
    {
        if (change != 0)
        {
            await db.Campaigns.Where(c => c.Id == campaignId)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.SignatureCount, x => x.SignatureCount + change), cancellationToken);
        }
    }

    public static string TargetOf(IReadOnlyList<int> campaigns) =>
        campaigns.Count == 1 ? $"campaign:{campaigns[0]}" : $"campaigns:{string.Join(',', campaigns)}";

    /// <summary>The count and the ids only: names, addresses and notes may be personal data.</summary>
    public static string DetailsOf(int changed, IEnumerable<long> ids) =>
        $"count={changed}; ids={string.Join(',', ids.Order().Select(i => i.ToString(CultureInfo.InvariantCulture)))}";
}
