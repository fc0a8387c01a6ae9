using Ralliement.Confirmation;
using Ralliement.Moderation;
using Ralliement.News;
using Ralliement.Organisations;
using Ralliement.Organisers;
using Ralliement.SelfService;

namespace Ralliement.Backups;

/// <summary>
/// After a restore, does again what the erasure logs say happened: each withdrawal, erasure,
/// rejection, news stop and organisation deletion, oldest first, through the very handler that did
/// it the first time. What the backup already reflects changes nothing, so the whole log can be
/// replayed whatever the backup's date. Then no id in the logs can be given to a new row again.
/// </summary>
public sealed class ReplayErasures(
    RalliementDb db,
    WithdrawSignature withdraw,
    EraseSignature erase,
    ModerateSignatures moderate,
    StopNews stopNews,
    DeleteOrganisation deleteOrganisation)
{
    /// <summary>Re-applies the events; returns how many changed the database.</summary>
    public async Task<int> HandleAsync(IEnumerable<ErasureLog.Entry> events, CancellationToken cancellationToken)
    {
        var ordered = events.OrderBy(e => e.At).ToList();
        var applied = 0;
        foreach (var entry in ordered)
        {
            if (await ApplyAsync(entry, cancellationToken))
            {
                applied++;
            }
        }
        await KeepIdsUnusedAsync(ordered, cancellationToken);
        return applied;
    }

    private async Task<bool> ApplyAsync(ErasureLog.Entry entry, CancellationToken cancellationToken)
    {
        switch (entry.Kind)
        {
            case ErasureKind.SignatureWithdrawn:
                return await withdraw.HandleAsync(entry.Id, cancellationToken) is not null;
            case ErasureKind.SignatureErased:
                return await erase.HandleAsync(entry.Id, cancellationToken);
            case ErasureKind.NewsStopped:
                return await stopNews.HandleAsync(entry.Id, cancellationToken);
            case ErasureKind.SignatureRejected:
                var organisation = await db.Signatures.Where(s => s.Id == entry.Id).Select(s => s.Campaign.Organisation).FirstOrDefaultAsync(cancellationToken);
                return organisation is not null
                    && await moderate.HandleAsync(AsSystem(organisation), ModerationAction.Reject, [entry.Id], null, "signature.reject", "re-applied after a restore", cancellationToken) > 0;
            case ErasureKind.OrganisationDeleted:
                var deleted = await db.Organisations.FirstOrDefaultAsync(o => o.Id == entry.Id, cancellationToken);
                if (deleted is null)
                {
                    return false;
                }
                await deleteOrganisation.HandleAsync(AsSystem(deleted), cancellationToken);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The restore acts for the organisation, as its retention purge does: as "system", no organiser.</summary>
    private static OrganisationContext AsSystem(Organisation organisation) =>
        new(organisation.Id, organisation.Slug, organisation.Name, OrganisationRole.Owner, OrganiserId: "", Actor: "system");

    /// <summary>
    /// An id written in a log must never name another row: the restored database's counters stand
    /// where the backup left them, so a signature made after the restore could take the id of one
    /// withdrawn before it, and the next restore would erase the wrong person. They move past every
    /// id in the logs.
    /// </summary>
    private async Task KeepIdsUnusedAsync(List<ErasureLog.Entry> events, CancellationToken cancellationToken)
    {
        var signature = events.Where(e => e.Kind != ErasureKind.OrganisationDeleted).Select(e => e.Id).DefaultIfEmpty(0).Max();
        var organisation = events.Where(e => e.Kind == ErasureKind.OrganisationDeleted).Select(e => e.Id).DefaultIfEmpty(0).Max();
        if (signature > 0)
        {
            await db.KeepSignatureIdsAboveAsync(signature, cancellationToken);
        }
        if (organisation > 0)
        {
            await db.KeepOrganisationIdsAboveAsync(organisation, cancellationToken);
        }
    }
}
