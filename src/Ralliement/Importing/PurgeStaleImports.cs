namespace Ralliement.Importing;

/// <summary>
/// Deletes checked files a day after they were uploaded, imported or not: their rows are names and
/// addresses, and a preview nobody confirmed is no reason to keep them.
/// </summary>
public sealed class PurgeStaleImports(RalliementDb db, TimeProvider clock) : IPeriodicWork
{
    public static TimeSpan Interval => TimeSpan.FromHours(1);

    public Task RunAsync(CancellationToken cancellationToken) => PurgeAsync(cancellationToken);

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - ReadImport.Lifetime;
        return await db.SignatureImports.Where(i => i.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
