using Ralliement.Statistics;

namespace Ralliement.Tests.Statistics;

/// <summary>The small-count rule, over hand-made and random breakdowns.</summary>
public sealed class SmallCountsTests
{
    private const int K = 10;

    [Fact]
    public void A_category_of_four_joins_others_with_the_smallest_shown_one_so_that_it_cannot_be_subtracted_back()
    {
        var grouping = SmallCounts.Apply([("Lyon", 30), ("Nantes", 12), ("Lannion", 4)], c => c.Item2, K);

        Assert.Equal(["Lyon"], grouping.Shown.Select(c => c.Item1));
        Assert.Equal(["Lannion", "Nantes"], grouping.Others.Select(c => c.Item1).Order());
    }

    [Fact]
    public void Small_categories_that_make_k_together_stay_grouped_without_taking_a_shown_one()
    {
        var grouping = SmallCounts.Apply([("a", 50), ("b", 6), ("c", 5)], c => c.Item2, K);

        Assert.Equal(["a"], grouping.Shown.Select(c => c.Item1));
        Assert.Equal(11, grouping.Others.Sum(c => c.Item2));
    }

    [Fact]
    public void A_breakdown_of_fewer_than_k_in_all_shows_nothing()
    {
        var grouping = SmallCounts.Apply([("a", 5), ("b", 4)], c => c.Item2, K);

        Assert.True(grouping.TooFew);
        Assert.Empty(grouping.Shown);
        Assert.Empty(grouping.Others);
    }

    [Theory]
    [InlineData(0, 100, true)]
    [InlineData(100, 100, true)]
    [InlineData(50, 100, true)]
    [InlineData(4, 100, false)]
    [InlineData(96, 100, false)]
    public void A_part_is_given_only_when_it_and_the_rest_are_none_or_at_least_k(int part, int total, bool shown) =>
        Assert.Equal(shown, SmallCounts.CanShowPart(part, total, K));

    /// <summary>
    /// Whatever the counts, every hidden category is in a group of at least k holding two categories or
    /// more, and the shown counts with the group add up to the total: subtracting what is shown from
    /// the total gives the group, never one hidden count.
    /// </summary>
    [Fact]
    public void No_hidden_category_can_be_found_again_from_the_totals_of_many_random_breakdowns()
    {
        var random = new Random(2026);
        for (var run = 0; run < 20_000; run++)
        {
            var k = random.Next(5, 15);
            var categories = Enumerable.Range(0, random.Next(1, 12))
                .Select(i => (Name: "c" + i, Count: random.Next(4) == 0 ? random.Next(1, 3 * k) : random.Next(1, k + 2)))
                .ToList();
            var total = categories.Sum(c => c.Count);

            var grouping = SmallCounts.Apply(categories, c => c.Count, k);

            var context = $"k={k}: {string.Join(", ", categories.Select(c => c.Count))}";
            if (total < k)
            {
                Assert.True(grouping.TooFew, context);
                Assert.Empty(grouping.Shown);
                continue;
            }
            Assert.False(grouping.TooFew, context);
            Assert.All(grouping.Shown, c => Assert.True(c.Count >= k, context));
            Assert.All(categories.Where(c => c.Count < k), c => Assert.Contains(c, grouping.Others));
            Assert.Equal(total, grouping.Shown.Sum(c => c.Count) + grouping.Others.Sum(c => c.Count));
            if (grouping.Others.Count > 0)
            {
                Assert.True(grouping.Others.Sum(c => c.Count) >= k, context);
                Assert.True(grouping.Others.Count >= 2, context);
            }
        }
    }
}
