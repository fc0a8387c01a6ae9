using Microsoft.EntityFrameworkCore;
using Ralliement.Data;

namespace Ralliement.ProofOfWork;

/// <summary>
/// Deletes spent proofs whose challenge has expired: an expired challenge is refused anyway, so
/// its record only costs space (a day of a viral peak is millions of rows otherwise).
/// </summary>
public sealed partial class ForgetSpentProofs(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ForgetSpentProofs> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await ForgetAsync(stoppingToken);
            }
            // Whatever fails (a database restarting), the site goes on serving: the next tick does it.
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes what has expired; returns how many went.</summary>
    public async Task<int> ForgetAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.SpentProofs.Where(p => p.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting expired spent proofs failed; will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
