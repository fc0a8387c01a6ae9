namespace Ralliement.ProofOfWork;

/// <summary>
/// Deletes spent proofs whose challenge has expired: an expired challenge is refused anyway, so
/// its record only costs space (a day of a viral peak is millions of rows otherwise).
/// </summary>
public sealed class ForgetSpentProofs(RalliementDb db, TimeProvider clock) : IPeriodicWork
{
    public static TimeSpan Interval => TimeSpan.FromHours(1);

    public Task RunAsync(CancellationToken cancellationToken) => ForgetAsync(cancellationToken);

    /// <summary>Deletes what has expired; returns how many went.</summary>
    public async Task<int> ForgetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.SpentProofs.Where(p => p.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
