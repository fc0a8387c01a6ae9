namespace Ralliement.Statistics;

/// <summary>A count a campaign reached, and when its confirmed signatures first reached it.</summary>
public sealed record Milestone(int Count, DateTime ReachedAt);

/// <summary>
/// The counts worth announcing: every tenth of the goal (10 %, 20 %, … the goal, and on past it),
/// or without a goal 100, 200, 500, 1,000, 2,000, 5,000…
/// </summary>
public static class Milestones
{
    /// <summary>The milestones up to <paramref name="count"/>, smallest first.</summary>
    public static IEnumerable<int> UpTo(int count, int? goal)
    {
        if (goal is int g && g >= 10)
        {
            var step = g / 10;
            for (var m = step; m <= count && m > 0; m += step)
            {
                yield return m;
            }
            yield break;
        }
        for (var power = 100L; power <= count; power *= 10)
        {
            foreach (var factor in new[] { 1, 2, 5 })
            {
                if (power * factor <= count)
                {
                    yield return (int)(power * factor);
                }
            }
        }
    }

    /// <summary>
    /// When each milestone was reached, from the confirmation times of the signatures that count now,
    /// in any order: the n-th earliest confirmation reached the count n.
    /// </summary>
    public static IReadOnlyList<Milestone> Reached(IReadOnlyList<DateTime> confirmedAt, int? goal)
    {
        var sorted = confirmedAt.Order().ToArray();
        return [.. UpTo(sorted.Length, goal).Select(m => new Milestone(m, sorted[m - 1]))];
    }
}

/// <summary>The milestones a campaign reached, for its feeds and its statistics.</summary>
public interface IReadMilestones
{
    Task<IReadOnlyList<Milestone>> ReadAsync(int campaignId, CancellationToken cancellationToken);
}

/// <summary>
/// Reads the milestones straight from the signatures. The statistics replace it with their
/// precomputed figures; it stays correct, but reads every confirmation time of the campaign.
/// </summary>
public sealed class QueryMilestones(RalliementDb db) : IReadMilestones
{
    public async Task<IReadOnlyList<Milestone>> ReadAsync(int campaignId, CancellationToken cancellationToken)
    {
        var goal = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Goal).FirstOrDefaultAsync(cancellationToken);
        var times = await db.Signatures
            .Where(s => s.CampaignId == campaignId && s.State == SignatureState.Confirmed && s.ConfirmedAt != null)
            .Select(s => s.ConfirmedAt!.Value)
            .ToListAsync(cancellationToken);
        return Milestones.Reached(times, goal);
    }
}
