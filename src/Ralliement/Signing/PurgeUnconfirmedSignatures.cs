using Microsoft.Extensions.Options;

namespace Ralliement.Signing;

/// <summary>
/// Deletes signatures never confirmed, once their links are long dead: an address someone typed,
/// perhaps not their own, is not kept for nothing.
/// </summary>
public sealed partial class PurgeUnconfirmedSignatures(
    RalliementDb db,
    TimeProvider clock,
    IOptions<SigningOptions> options,
    ILogger<PurgeUnconfirmedSignatures> logger) : IPeriodicWork
{
    public static TimeSpan Interval => TimeSpan.FromHours(1);

    public Task RunAsync(CancellationToken cancellationToken) => PurgeAsync(cancellationToken);

    /// <summary>Deletes what is due; returns how many signatures went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - options.Value.UnconfirmedRetention;
        // Only signatures whose every link has expired: a recent reminder keeps one alive.
        var due = db.Signatures.Where(s => s.State == SignatureState.Pending && s.CreatedAt < before
            && !db.ConfirmationTokens.Any(t => t.SignatureId == s.Id && t.ExpiresAt > before));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.DeleteSignaturesAsync(due, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (deleted > 0)
        {
            LogPurged(logger, deleted);
        }
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} signatures never confirmed")]
    private static partial void LogPurged(ILogger logger, int count);
}
