using Microsoft.EntityFrameworkCore;
using Ralliement.Data;

namespace Ralliement.Importing;

/// <summary>
/// Deletes checked files a day after they were uploaded, imported or not: their rows are names and
/// addresses, and a preview nobody confirmed is no reason to keep them.
/// </summary>
public sealed partial class PurgeStaleImports(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PurgeStaleImports> logger) : BackgroundService
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
            // A purge missed now (database restarting) is done at the next tick; the site goes on.
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var before = clock.GetUtcNow().UtcDateTime - ReadImport.Lifetime;
        return await db.SignatureImports.Where(i => i.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting stale imports failed; will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
