using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Backups;

namespace Ralliement.SelfService;

/// <summary>
/// Deletes a signature at its signer's request (GDPR art. 17), with its commitments, field values
/// and links: unlike a withdrawal, not even the fact that it existed remains. A counted signature
/// leaves the count in the same transaction.
/// </summary>
public sealed class EraseSignature(RalliementDb db, IOutputCacheStore publicPages, ErasureLog erasures)
{
    /// <summary>True when the signature was erased now; false when it was already gone.</summary>
    public async Task<bool> HandleAsync(long signatureId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.Signatures.Where(s => s.Id == signatureId)
            .Select(s => new { s.State, s.CampaignId }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }
        // Conditional on the state read: a confirmation or withdrawal in between makes this erase nothing, and say so.
        var deleted = await db.DeleteSignaturesAsync(db.Signatures.Where(s => s.Id == signatureId && s.State == found.State), cancellationToken);
        if (deleted == 0)
        {
            return false;
        }
        if (found.State == SignatureState.Confirmed)
        {
            await db.Campaigns.Where(c => c.Id == found.CampaignId)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.SignatureCount, x => x.SignatureCount - 1), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        erasures.Record(ErasureKind.SignatureErased, signatureId);
        // The name leaves this node's cached public pages now, as on a withdrawal.
        await publicPages.EvictByTagAsync(PublicPageCaching.Tag, CancellationToken.None);
        return true;
    }
}
