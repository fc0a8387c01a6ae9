using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Backups;
using Ralliement.Privacy;

namespace Ralliement.Confirmation;

/// <summary>
/// Erases a signer's personal data at their request, from the link in any of their emails. Only
/// the fact that a signature existed and when remains, so the public count can be explained.
/// </summary>
public sealed class WithdrawSignature(RalliementDb db, TimeProvider clock, IOutputCacheStore publicPages, ErasureLog erasures)
{
    public sealed record Signed(long SignatureId, int CampaignId, string CampaignSlug, SignatureState State);

    /// <summary>The signature a withdrawal link points to, or null if the link is unknown or already used to withdraw.</summary>
    public async Task<Signed?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = SecretTokens.HashOf(token);
        if (hash is null)
        {
            return null;
        }
        return await db.ConfirmationTokens
            .Where(t => t.Hash == hash && t.Signature.State != SignatureState.Withdrawn)
            .Select(t => new Signed(t.SignatureId, t.Signature.CampaignId, t.Signature.Campaign.Slug, t.Signature.State))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Erases the signature; returns what was withdrawn, or null when there was nothing left to withdraw.</summary>
    public async Task<Signed?> HandleAsync(string token, CancellationToken cancellationToken) =>
        await FindAsync(token, cancellationToken) is { } signed ? await WithdrawAsync(signed, cancellationToken) : null;

    /// <summary>The same withdrawal by the signature's id, for a restore that re-applies the erasure log.</summary>
    public async Task<Signed?> HandleAsync(long signatureId, CancellationToken cancellationToken) =>
        await db.Signatures.Where(s => s.Id == signatureId && s.State != SignatureState.Withdrawn)
            .Select(s => new Signed(s.Id, s.CampaignId, s.Campaign.Slug, s.State))
            .FirstOrDefaultAsync(cancellationToken) is { } signed ? await WithdrawAsync(signed, cancellationToken) : null;

    private async Task<Signed?> WithdrawAsync(Signed signed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var erased = await db.Signatures
            .Where(s => s.Id == signed.SignatureId && s.State == signed.State)
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(x => x.State, SignatureState.Withdrawn).SetProperty(x => x.WithdrawnAt, now);
                PersonalFields.Erase(s);
            }, cancellationToken);
        if (erased == 1)
        {
            // The withdrawn row stays, without anything personal, so that the statistics still know it existed.
            await db.DeleteRowsOfAsync(db.Signatures.Where(s => s.Id == signed.SignatureId), keepCommitments: false, cancellationToken);
            // Emails not yet sent to this signer would only point to a signature that no longer exists;
            // they cannot be told apart from others without the address, which is gone, so they stay.
            // Only a confirmed signature was counted: a held, pending or rejected one leaves the count as it is.
            if (signed.State == SignatureState.Confirmed)
            {
                await db.Campaigns.Where(c => c.Id == signed.CampaignId)
                    .ExecuteUpdateAsync(c => c.SetProperty(x => x.SignatureCount, x => x.SignatureCount - 1), cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        if (erased == 1)
        {
            erasures.Record(ErasureKind.SignatureWithdrawn, signed.SignatureId);
            // The name leaves this node's cached public pages now, not a moment later; other nodes
            // drop it within Caching:PublicPages. Withdrawals are rare, so this costs nothing at a peak.
            await publicPages.EvictByTagAsync(PublicPageCaching.Tag, CancellationToken.None);
        }
        return erased == 1 ? signed : null;
    }
}
