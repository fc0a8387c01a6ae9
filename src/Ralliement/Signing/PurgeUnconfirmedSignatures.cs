using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ralliement.Data;

namespace Ralliement.Signing;

/// <summary>
/// Deletes signatures never confirmed, once their links are long dead: an address someone typed,
/// perhaps not their own, is not kept for nothing.
/// </summary>
public sealed partial class PurgeUnconfirmedSignatures(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<SigningOptions> options,
    ILogger<PurgeUnconfirmedSignatures> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            // Whatever fails (a database restarting, a network cut to PostgreSQL), the site goes on
            // serving: a purge missed now is done at the next tick.
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes what is due; returns how many signatures went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var before = clock.GetUtcNow().UtcDateTime - options.Value.UnconfirmedRetention;
        // Only signatures whose every link has expired: a recent reminder keeps one alive.
        var due = db.Signatures.Where(s => s.State == SignatureState.Pending && s.CreatedAt < before
            && !db.ConfirmationTokens.Any(t => t.SignatureId == s.Id && t.ExpiresAt > before));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ConfirmationTokens.Where(t => due.Any(s => s.Id == t.SignatureId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<SignatureCommitment>().Where(c => due.Any(s => s.Id == c.SignatureId)).ExecuteDeleteAsync(cancellationToken);
        await db.SignatureFieldValues.Where(v => due.Any(s => s.Id == v.SignatureId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await due.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (deleted > 0)
        {
            LogPurged(logger, deleted);
        }
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} signatures never confirmed")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting unconfirmed signatures failed; will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
