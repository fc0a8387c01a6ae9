namespace Ralliement.Metrics;

/// <summary>The emails waiting to be sent, by priority: how many, and how long the oldest has waited.</summary>
public sealed record OutboxFigures(OutboxPriority Priority, int Waiting, TimeSpan OldestAge)
{
    /// <summary>One grouped query on the claim's index (state, priority); every priority is listed, waiting or not.</summary>
    public static async Task<List<OutboxFigures>> ReadAsync(RalliementDb db, DateTime now, CancellationToken cancellationToken)
    {
        var rows = await db.Outbox
            .Where(m => m.State == OutboxState.Pending)
            .GroupBy(m => m.Priority)
            .Select(g => new { Priority = g.Key, Waiting = g.Count(), Oldest = g.Min(m => m.CreatedAt) })
            .ToListAsync(cancellationToken);
        return Enum.GetValues<OutboxPriority>()
            .Select(priority => rows.FirstOrDefault(r => r.Priority == priority) is { } row
                ? new OutboxFigures(priority, row.Waiting, row.Oldest < now ? now - row.Oldest : TimeSpan.Zero)
                : new OutboxFigures(priority, 0, TimeSpan.Zero))
            .ToList();
    }
}

/// <summary>
/// The outbox figures behind the observable gauges: a scrape reads them synchronously, so they are
/// read from the database at most once every <see cref="RalliementMetrics.OutboxReadInterval"/>,
/// by one scrape while the others get the last figures.
/// </summary>
internal sealed class OutboxReadings(IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private List<OutboxFigures> _last = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public List<OutboxFigures> Read()
    {
        if (!_lock.TryEnter())
        {
            return _last;
        }
        try
        {
            var now = clock.GetUtcNow();
            if (now - _readAt >= RalliementMetrics.OutboxReadInterval)
            {
                _readAt = now;
                // A gauge's callback cannot wait asynchronously; the query runs on the pool, off any request's context.
                _last = Task.Run(() => ReadAsync(now.UtcDateTime)).GetAwaiter().GetResult();
            }
            return _last;
        }
        finally
        {
            _lock.Exit();
        }
    }

    private async Task<List<OutboxFigures>> ReadAsync(DateTime now)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            return await OutboxFigures.ReadAsync(scope.ServiceProvider.GetRequiredService<RalliementDb>(), now, timeout.Token);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or OperationCanceledException)
        {
            // A database that does not answer shows as no outbox figures; /readyz says why.
            return [];
        }
    }
}
