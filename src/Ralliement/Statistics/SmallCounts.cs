namespace Ralliement.Statistics;

/// <summary>
/// The small-count rule of public statistics, so that no one is picked out by a rare value (one
/// signatory of a small laboratory is one named person):
/// <list type="number">
/// <item>a category with fewer than k confirmed signatures is not shown: it joins "others";</item>
/// <item>when "others" then holds fewer than k, or a single category (whose count it would give away),
/// the smallest shown categories join it until it holds at least k and two categories or more, so
/// that no hidden count can be found again by subtracting the shown ones from the total;</item>
/// <item>a breakdown of fewer than k signatures in all shows nothing.</item>
/// </list>
/// "Not given" is a category like any other.
/// </summary>
public static class SmallCounts
{
    /// <summary>A breakdown once the rule is applied.</summary>
    /// <param name="Shown">The categories shown one by one, largest first.</param>
    /// <param name="Others">The categories grouped as "others".</param>
    /// <param name="TooFew">Whether the whole breakdown is too small to show.</param>
    public sealed record Grouping<T>(IReadOnlyList<T> Shown, IReadOnlyList<T> Others, bool TooFew);

    public static Grouping<T> Apply<T>(IEnumerable<T> categories, Func<T, int> count, int k)
    {
        var all = categories.Where(c => count(c) > 0).ToList();
        if (all.Sum(count) < k)
        {
            return new([], [], true);
        }
        var shown = all.Where(c => count(c) >= k).OrderByDescending(count).ToList();
        var others = all.Where(c => count(c) < k).ToList();
        var inOthers = others.Sum(count);
        while (others.Count > 0 && (inOthers < k || others.Count == 1) && shown.Count > 0)
        {
            var smallest = shown[^1];
            shown.RemoveAt(shown.Count - 1);
            others.Add(smallest);
            inOthers += count(smallest);
        }
        return new(shown, others, false);
    }

    /// <summary>
    /// Whether a part of a total may be given along with the total: it, and what remains, both hold
    /// none or at least k (a signer of the campaign could otherwise count the few who differ).
    /// </summary>
    public static bool CanShowPart(int part, int total, int k) =>
        (part == 0 || part >= k) && (total - part == 0 || total - part >= k);
}
