using System.Globalization;

namespace Ralliement.Statistics;

/// <summary>
/// The geometry of the statistics' charts, drawn as SVG by the server (<c>_BarChart</c>,
/// <c>_LineChart</c>): bars and a line need no library and no script. Coordinates are in a
/// 400 × 190 view box that the page scales to its width; colours come from the site's CSS, so the
/// campaign's accent applies.
/// </summary>
public static class Charts
{
    public const int Width = 400, Height = 190;
    public const double Left = 44, Right = 394, Top = 12, Bottom = 162;

    /// <summary>One bar; an unfinished one (today, the hour under way) is drawn apart.</summary>
    public sealed record Bar(string X, string Y, string Width, string Height, bool Complete, string Title);

    /// <param name="Ticks">Values on the left axis, with their height.</param>
    /// <param name="FirstLabel">Under the first bar.</param>
    /// <param name="LastLabel">Under the last bar.</param>
    public sealed record BarChart(string Id, string Title, IReadOnlyList<Bar> Bars, IReadOnlyList<(string Y, string Label)> Ticks, string FirstLabel, string LastLabel);

    /// <param name="Points">The finished part of the line.</param>
    /// <param name="OpenPoints">Its last piece, to a point not final yet (today); null when there is none.</param>
    /// <param name="GoalY">The goal's height, when there is a goal.</param>
    public sealed record LineChart(string Id, string Title, string Points, string? OpenPoints, string? GoalY, string? GoalLabel,
        IReadOnlyList<(string Y, string Label)> Ticks, string FirstLabel, string LastLabel);

    public sealed record Point(string Label, int Value, bool Complete);

    public static BarChart Bars(string id, string title, IReadOnlyList<Point> points)
    {
        var top = Ceiling(points.Count == 0 ? 0 : points.Max(p => p.Value));
        var slot = (Right - Left) / Math.Max(1, points.Count);
        var gap = slot > 4 ? slot * 0.2 : 0;
        var bars = points.Select((p, i) =>
        {
            var height = (Bottom - Top) * p.Value / top;
            return new Bar(N(Left + (i * slot) + (gap / 2)), N(Bottom - height), N(slot - gap), N(height), p.Complete, p.Label);
        }).ToList();
        return new BarChart(id, title, bars, Ticks(top), points.FirstOrDefault()?.Label ?? "", points.LastOrDefault()?.Label ?? "");
    }

    public static LineChart Line(string id, string title, IReadOnlyList<Point> points, int? goal, string? goalLabel)
    {
        var top = Ceiling(Math.Max(points.Count == 0 ? 0 : points.Max(p => p.Value), goal ?? 0));
        // Each point is a day's end, and the line starts from zero at the first day's start.
        var step = (Right - Left) / Math.Max(1, points.Count);
        string At(int i) => i < 0 ? N(Left) + "," + N(Bottom) : N(Left + ((i + 1) * step)) + "," + N(Bottom - ((Bottom - Top) * points[i].Value / top));
        var finished = points.TakeWhile(p => p.Complete).Count();
        var solid = finished == 0 ? "" : string.Join(" ", Enumerable.Range(-1, finished + 1).Select(At));
        var open = finished < points.Count ? string.Join(" ", Enumerable.Range(finished - 1, points.Count - finished + 1).Select(At)) : null;
        var goalY = goal is int g ? N(Bottom - ((Bottom - Top) * g / top)) : null;
        return new LineChart(id, title, solid, open, goalY, goalLabel, Ticks(top), points.FirstOrDefault()?.Label ?? "", points.LastOrDefault()?.Label ?? "");
    }

    /// <summary>The bar of an inline breakdown, as a share of 100.</summary>
    public static string Share(int count, int largest) => N(largest == 0 ? 0 : 100.0 * count / largest);

    /// <summary>The axis' top: 1, 2 or 5 times a power of ten, at least the largest value.</summary>
    public static int Ceiling(int largest)
    {
        if (largest <= 5)
        {
            return 5;
        }
        for (long power = 1; ; power *= 10)
        {
            foreach (var factor in (int[])[1, 2, 5])
            {
                if (power * factor >= largest)
                {
                    return (int)Math.Min(int.MaxValue, power * factor);
                }
            }
        }
    }

    private static List<(string, string)> Ticks(int top) =>
        [(N(Bottom), 0.ToString("N0", CultureInfo.CurrentCulture)), (N((Top + Bottom) / 2), (top / 2.0).ToString("#,0.#", CultureInfo.CurrentCulture)), (N(Top), top.ToString("N0", CultureInfo.CurrentCulture))];

    private static string N(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}
