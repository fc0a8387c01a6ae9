using Ralliement.Campaigns;

namespace Ralliement.Kit;

/// <summary>
/// A card-like image, 600×160, for sites that refuse frames: the title, the count, a bar towards the
/// goal and the collective's name.
/// </summary>
public static class Thermometer
{
    public const int Width = 600;
    public const int Height = 160;
    private const int Padding = 20;
    private const string Ink = "#1d1d1f";
    private const string Muted = "#5a5a61";

    public static KitSvg Draw(KitWords words, GoalProgress progress)
    {
        var inner = Width - (2 * Padding);
        var svg = new KitSvg(Width, Height, $"{words.Title} — {words.Count} {words.CountWords}" + (words.Goal is null ? "" : $" — {words.Goal}"));
        svg.Add($"<rect x=\".5\" y=\".5\" width=\"{Width - 1}\" height=\"{Height - 1}\" rx=\"10\" fill=\"#fff\" stroke=\"#d4d4d8\"/>")
            .Text(Padding, 38, KitFonts.Shared.Fit(words.Title, 20, bold: true, inner), 20, Ink, bold: true);
        var countWidth = KitFonts.Shared.Measure(words.Count, 30, bold: true);
        svg.Text(Padding, 78, words.Count, 30, words.Accent, bold: true)
            .Text(Padding + countWidth + 8, 78, KitFonts.Shared.Fit(words.CountWords, 18, bold: false, inner - countWidth - 8), 18, Ink);
        if (progress.Target is not null || progress.Reached is not null)
        {
            // Full once the last goal is reached; at least the bar's height from the first signature, so it shows.
            var share = progress.Target is int target ? Math.Min(1.0, progress.Count / (double)target) : 1.0;
            svg.Add($"<rect x=\"{Padding}\" y=\"92\" width=\"{inner}\" height=\"12\" rx=\"6\" fill=\"#e4e4e7\"/>");
            if (progress.Count > 0)
            {
                svg.Add($"<rect x=\"{Padding}\" y=\"92\" width=\"{KitSvg.N(Math.Max(12, inner * share))}\" height=\"12\" rx=\"6\" fill=\"{words.Accent}\"/>");
            }
        }
        if (words.Goal is { } goal)
        {
            svg.Text(Padding, 126, KitFonts.Shared.Fit(goal, 14, bold: false, inner), 14, Muted);
        }
        svg.Text(Padding, 148, KitFonts.Shared.Fit(words.Collective, 13, bold: true, inner), 13, Muted, bold: true);
        return svg;
    }
}
