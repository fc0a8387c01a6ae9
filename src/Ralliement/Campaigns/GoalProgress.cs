namespace Ralliement.Campaigns;

/// <summary>
/// Where a count stands against the campaign's goal and the milestone set for after it: the last one
/// reached, said as such, and the one it now moves towards.
/// </summary>
/// <param name="Reached">The goal or milestone reached, the higher one; null before the goal.</param>
/// <param name="Target">What the count moves towards now; null without a goal, or once the last one is reached.</param>
public sealed record GoalProgress(int Count, int? Reached, int? Target)
{
    /// <summary>Whether <see cref="Target"/> is the milestone set after a reached goal.</summary>
    public bool TowardsNextGoal => Reached is not null && Target is not null;

    /// <summary>The share of <see cref="Target"/> reached, in whole percents, rounded down: 99 until it is reached.</summary>
    public int Percent => Target is int target ? (int)Math.Min(99, (long)Count * 100 / target) : 100;

    public static GoalProgress Of(int count, int? goal, int? nextGoal)
    {
        if (goal is not int first || first <= 0)
        {
            return new GoalProgress(count, null, null);
        }
        if (count < first)
        {
            return new GoalProgress(count, null, first);
        }
        if (nextGoal is not int next || next <= first)
        {
            return new GoalProgress(count, first, null);
        }
        return count < next ? new GoalProgress(count, first, next) : new GoalProgress(count, next, null);
    }

    public static GoalProgress Of(ReadCampaign.View campaign) => Of(campaign.SignatureCount, campaign.Goal, campaign.NextGoal);
}
