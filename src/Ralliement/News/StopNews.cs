using Ralliement.Backups;

namespace Ralliement.News;

/// <summary>
/// Stops news to a signer, from a news email's unsubscribe link or from their own page. News was the
/// only reason to keep a confirmed signer's address, so it goes too; a pending signature keeps it
/// until confirmed.
/// </summary>
public sealed class StopNews(RalliementDb db, ErasureLog erasures)
{
    /// <summary>True when news was stopped now; false when it already was.</summary>
    public async Task<bool> HandleAsync(long signatureId, CancellationToken cancellationToken)
    {
        var stopped = await db.Signatures.Where(s => s.Id == signatureId && s.AcceptsNews)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.AcceptsNews, false)
                .SetProperty(x => x.SealedEmail, x => x.State == SignatureState.Pending ? x.SealedEmail : null), cancellationToken) == 1;
        erasures.Record(ErasureKind.NewsStopped, stopped ? [signatureId] : []);
        return stopped;
    }
}
