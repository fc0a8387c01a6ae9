using Ralliement.Campaigns;

namespace Ralliement.Tests.Unit;

public sealed class GoalProgressTests
{
    [Theory]
    // count, goal, next goal → reached, target, percent
    [InlineData(120, null, null, null, null, 100)]
    [InlineData(120, 0, 5000, null, null, 100)]
    [InlineData(0, 1000, null, null, 1000, 0)]
    [InlineData(620, 1000, 5000, null, 1000, 62)]
    [InlineData(999, 1000, null, null, 1000, 99)]
    [InlineData(1000, 1000, null, 1000, null, 100)]
    [InlineData(1200, 1000, 5000, 1000, 5000, 24)]
    [InlineData(5000, 1000, 5000, 5000, null, 100)]
    // A milestone below the goal is no milestone after it.
    [InlineData(1200, 1000, 800, 1000, null, 100)]
    public void A_reached_goal_gives_way_to_the_next_milestone(int count, int? goal, int? nextGoal, int? reached, int? target, int percent)
    {
        var progress = GoalProgress.Of(count, goal, nextGoal);

        Assert.Equal(reached, progress.Reached);
        Assert.Equal(target, progress.Target);
        Assert.Equal(percent, progress.Percent);
        Assert.Equal(reached is not null && target is not null, progress.TowardsNextGoal);
    }
}
