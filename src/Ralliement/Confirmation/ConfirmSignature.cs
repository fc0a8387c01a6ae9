using Ralliement.Affiliations;
using Ralliement.Metrics;

namespace Ralliement.Confirmation;

/// <summary>
/// Confirms a signature from the link in its email; the count goes up in the same transaction. When
/// the campaign holds signatures for review, confirming makes it Held instead: it counts and shows
/// only once a moderator approves it; so does a signature that was suspect when written
/// (<see cref="Signature.HoldReason"/>). Confirming drops the address unless the signer accepts news,
/// and marks a person who confirmed from a domain of an institution the campaign declares as its verified member.
/// </summary>
public sealed class ConfirmSignature(RalliementDb db, TimeProvider clock, RalliementMetrics metrics, ReadAffiliationRules readAffiliations)
{
    public enum Outcome { Confirmed, AlreadyConfirmed, Held, Expired, Unknown }

    public sealed record Result(Outcome Outcome, string? CampaignSlug);

    public async Task<Result> HandleAsync(string token, CancellationToken cancellationToken)
    {
        var hash = SecretTokens.HashOf(token);
        if (hash is null)
        {
            return new Result(Outcome.Unknown, null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.ConfirmationTokens
            .Where(t => t.Hash == hash && t.Signature.State != SignatureState.Withdrawn && t.Signature.State != SignatureState.Rejected)
            .Select(t => new { t.Id, t.SignatureId, t.ExpiresAt, t.UsedAt, t.Signature.State, t.Signature.CampaignId, t.Signature.Campaign.Slug, t.Signature.Campaign.HoldsSignaturesForReview, t.Signature.HoldReason, t.Signature.Source, t.Signature.Kind, t.Signature.EmailDomain })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return new Result(Outcome.Unknown, null);
        }
        if (found.State == SignatureState.Confirmed)
        {
            return new Result(Outcome.AlreadyConfirmed, found.Slug);
        }
        if (found.State == SignatureState.Held)
        {
            return new Result(Outcome.Held, found.Slug);
        }
        if (found.UsedAt is not null || found.ExpiresAt <= now)
        {
            return new Result(Outcome.Expired, found.Slug);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Imports and organisations never: only a person's own confirmation proves they read mail at the domain.
        var verifiedInstitutionId = found.Source == SignatureSource.Form && found.Kind == SignatoryKind.Person
            ? (await readAffiliations.HandleAsync(found.CampaignId, cancellationToken)).Match(found.EmailDomain)
            : null;
        // Conditional updates make two simultaneous clicks count once: only one moves Pending on.
        var next = found.HoldsSignaturesForReview || found.HoldReason is not null ? SignatureState.Held : SignatureState.Confirmed;
        var confirmed = await db.Signatures
            .Where(s => s.Id == found.SignatureId && s.State == SignatureState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, next)
                .SetProperty(x => x.ConfirmedAt, now)
                .SetProperty(x => x.VerifiedInstitutionId, verifiedInstitutionId)
                // Confirmed: the address is no longer needed, only its hash, unless the signer wants news.
                .SetProperty(x => x.SealedEmail, x => x.AcceptsNews ? x.SealedEmail : null), cancellationToken);
        if (confirmed == 1)
        {
            await db.ConfirmationTokens.Where(t => t.Id == found.Id)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedAt, now), cancellationToken);
            if (next == SignatureState.Confirmed)
            {
                await db.Campaigns.Where(c => c.Id == found.CampaignId)
                    .ExecuteUpdateAsync(c => c.SetProperty(x => x.SignatureCount, x => x.SignatureCount + 1), cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        if (confirmed == 1)
        {
            metrics.Confirmed(next == SignatureState.Held, found.HoldReason);
            return new Result(next == SignatureState.Held ? Outcome.Held : Outcome.Confirmed, found.Slug);
        }
        // The other click won: say what it did.
        var state = await db.Signatures.Where(s => s.Id == found.SignatureId).Select(s => s.State).FirstAsync(cancellationToken);
        return new Result(state == SignatureState.Held ? Outcome.Held : Outcome.AlreadyConfirmed, found.Slug);
    }
}
