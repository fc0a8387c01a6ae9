namespace Ralliement.Kit;

/// <summary>
/// The 1200×630 image that link previews show (Open Graph, Twitter cards): the collective's name and
/// logo on its colour, the title over at most three lines, and the count.
/// </summary>
public static class PreviewImage
{
    public const int Width = 1200;
    public const int Height = 630;
    private const int Padding = 56;
    private const int Band = 140;

    public static KitSvg Draw(KitWords words, KitLogo? logo)
    {
        var inner = Width - (2 * Padding);
        var svg = new KitSvg(Width, Height, $"{words.Collective} — {words.Title} — {words.Count} {words.CountWords}");
        svg.Add($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>")
            .Add($"<rect width=\"{Width}\" height=\"{Band}\" fill=\"{words.Accent}\"/>")
            .Add($"<rect y=\"{Height - 14}\" width=\"{Width}\" height=\"14\" fill=\"{words.Accent}\"/>");
        var nameX = Padding;
        if (logo is not null)
        {
            svg.Add($"<rect x=\"{Padding}\" y=\"16\" width=\"108\" height=\"108\" rx=\"10\" fill=\"#fff\"/>")
                .Image(Padding + 6, 22, 96, 96, logo);
            nameX += 108 + 28;
        }
        svg.Text(nameX, 86, KitFonts.Shared.Fit(words.Collective, 40, bold: true, Width - Padding - nameX), 40, "#ffffff", bold: true);
        var lines = KitFonts.Shared.Wrap(words.Title, 60, bold: true, inner, maxLines: 3);
        for (var i = 0; i < lines.Count; i++)
        {
            svg.Text(Padding, 240 + (i * 76), lines[i], 60, "#1d1d1f", bold: true);
        }
        var countWidth = KitFonts.Shared.Measure(words.Count, 56, bold: true);
        svg.Text(Padding, 560, words.Count, 56, words.Accent, bold: true)
            .Text(Padding + countWidth + 14, 560, KitFonts.Shared.Fit(words.CountWords, 32, bold: false, inner - countWidth - 14), 32, "#5a5a61");
        return svg;
    }
}
