namespace Ralliement.Kit;

/// <summary>
/// A whole slide, transparent but for a discreet mark in its bottom-right corner: the logo, the short
/// title, "signed" and the campaign's address, and optionally its QR code. Laid over a slide in any
/// presentation program, it lands in the same place whatever the program scales it to.
/// </summary>
public static class SlideMark
{
    private const int Margin = 48;
    private const int QrSize = 168;
    private const int LogoSize = 96;
    private const int Gap = 24;

    /// <param name="ratio">"16x9" (1920×1080) or "4x3" (1440×1080).</param>
    /// <param name="dark">Light ink, for dark slides; else dark ink, for light ones.</param>
    public static KitSvg Draw(string ratio, bool dark, bool withQr, KitWords words, KitLogo? logo)
    {
        var width = ratio == "4x3" ? 1440 : 1920;
        const int height = 1080;
        var ink = dark ? "#ffffff" : "#1d1d1f";
        var svg = new KitSvg(width, height, $"{words.ShortTitle} — {words.Signed} — {words.CampaignAddressShown}");
        var bottom = height - Margin;
        var right = width - Margin;
        if (withQr)
        {
            // Dark modules on white in both versions: not every reader decodes an inverted code.
            var modules = QrCode.Modules(words.CampaignAddress);
            var left = right - QrSize;
            svg.Add($"<rect x=\"{left}\" y=\"{bottom - QrSize}\" width=\"{QrSize}\" height=\"{QrSize}\" rx=\"6\" fill=\"#fff\"/>")
                .Add(QrCode.Path(modules, left, bottom - QrSize, QrSize / (double)modules.Count, "#000"));
            right = left - Gap;
        }
        var title = KitFonts.Shared.Fit(words.ShortTitle, 30, bold: true, width / 2f);
        var address = KitFonts.Shared.Fit(words.CampaignAddressShown, 20, bold: false, width / 2f);
        svg.Add($"<g fill-opacity=\".92\">")
            .Text(right, bottom - 78, title, 30, ink, bold: true, anchor: "end")
            .Text(right, bottom - 40, words.Signed, 24, ink, anchor: "end")
            .Text(right, bottom - 6, address, 20, ink, anchor: "end")
            .Add("</g>");
        if (logo is not null)
        {
            var textWidth = new[] { KitFonts.Shared.Measure(title, 30, bold: true), KitFonts.Shared.Measure(words.Signed, 24), KitFonts.Shared.Measure(address, 20) }.Max();
            svg.Image(right - textWidth - Gap - LogoSize, bottom - LogoSize - 4, LogoSize, LogoSize, logo);
        }
        return svg;
    }
}
