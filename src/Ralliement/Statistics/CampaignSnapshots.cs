using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Ralliement.Statistics;

/// <summary>
/// Each campaign's latest <see cref="CampaignFigures"/>, kept in this node's memory, so that a request
/// for statistics reads counters and never groups signatures. Figures older than the age asked for,
/// whose campaign's count changed since, are computed again in the background while requests keep
/// being answered with the ones at hand; one computation at a time per campaign, however many
/// requests see them out of date. Only the first request for a campaign waits for its figures.
/// </summary>
public sealed class CampaignSnapshots(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<CampaignSnapshots> logger)
{
    private readonly ConcurrentDictionary<int, Slot> _slots = new();

    /// <summary>What the campaign's row says now, against which the figures at hand are checked.</summary>
    public sealed record Current(int CampaignId, int SignatureCount, int? Goal, string TimeZone);

    private sealed class Slot
    {
        public CampaignFigures? Figures;
        public Task<CampaignFigures?>? Running;
        public readonly Lock Gate = new();
    }

    /// <summary>The figures at hand, or the first ones (waited for); null when the campaign is gone.</summary>
    /// <param name="maxAge">How old figures may be once the count changed: the public's refresh, or an organiser's.</param>
    public async Task<CampaignFigures?> GetAsync(Current current, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(current.CampaignId, _ => new Slot());
        var figures = Volatile.Read(ref slot.Figures);
        if (figures is null)
        {
            return await Start(slot, current.CampaignId).WaitAsync(cancellationToken);
        }
        var old = clock.GetUtcNow().UtcDateTime - figures.ComputedAt >= maxAge;
        // A new goal or time zone changes what is drawn, not the counts: worth a pass at once.
        if ((old && figures.CountRead != current.SignatureCount) || figures.Goal != current.Goal || figures.TimeZone != current.TimeZone)
        {
            _ = Start(slot, current.CampaignId);
        }
        return figures;
    }

    /// <summary>Computes the campaign's figures now and waits for them (tests, and a campaign whose figures must be exact at once).</summary>
    public Task<CampaignFigures?> RefreshAsync(int campaignId) => Start(_slots.GetOrAdd(campaignId, _ => new Slot()), campaignId);

    private Task<CampaignFigures?> Start(Slot slot, int campaignId)
    {
        lock (slot.Gate)
        {
            if (slot.Running is { IsCompleted: false } running)
            {
                return running;
            }
            return slot.Running = Task.Run(() => ComputeAsync(slot, campaignId));
        }
    }

    private async Task<CampaignFigures?> ComputeAsync(Slot slot, int campaignId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var started = clock.GetTimestamp();
            var figures = await scope.ServiceProvider.GetRequiredService<ComputeCampaignFigures>().HandleAsync(campaignId, lifetime.ApplicationStopping);
            logger.LogDebug("Counted {Count} signatures of campaign {CampaignId} for its statistics in {Elapsed} ms.",
                figures?.Total, campaignId, (long)clock.GetElapsedTime(started).TotalMilliseconds);
            Volatile.Write(ref slot.Figures, figures);
            return figures;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Counting the signatures of campaign {CampaignId} for its statistics failed.", campaignId);
            throw;
        }
    }
}

/// <summary>The milestones of a campaign from its statistics' figures, rather than from a read of all its confirmation times.</summary>
public sealed class SnapshotMilestones(RalliementDb db, CampaignSnapshots snapshots, IOptions<StatisticsOptions> options) : IReadMilestones
{
    public async Task<IReadOnlyList<Milestone>> ReadAsync(int campaignId, CancellationToken cancellationToken)
    {
        var current = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId)
            .Select(c => new CampaignSnapshots.Current(c.Id, c.SignatureCount, c.Goal, c.Organisation.TimeZone))
            .FirstOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return [];
        }
        var figures = await snapshots.GetAsync(current, options.Value.PublicRefresh, cancellationToken);
        return figures?.Milestones ?? [];
    }
}
