namespace Ralliement.Kit;

/// <summary>
/// A badge in shields.io's "flat" shape: 20 px high, "label | message", white text, the label on grey.
/// Widths come from our own font's measure, rounded up to an odd number, and the text is written at
/// ten times its size under <c>scale(.1)</c> with <c>textLength</c>, as shields does, so a browser
/// without DejaVu Sans still fits it in the same box (badges/shields, badge-maker/lib/badge-renderers.js).
/// </summary>
public static class Badge
{
    public const int Height = 20;
    private const int Padding = 5;
    private const float FontSize = 11;
    public const string LabelColour = "#555555";

    /// <summary>The badge's width at 1×, for the <c>width</c> attribute of an image that shows it.</summary>
    public static int Width(string label, string message) => TextWidth(label) + TextWidth(message) + (4 * Padding);

    public static KitSvg Draw(string label, string message, string colour)
    {
        var labelText = TextWidth(label);
        var messageText = TextWidth(message);
        var left = labelText + (2 * Padding);
        var right = messageText + (2 * Padding);
        var width = left + right;
        var svg = new KitSvg(width, Height, $"{label}: {message}");
        svg.Add("<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>")
            .Add($"<clipPath id=\"r\"><rect width=\"{width}\" height=\"{Height}\" rx=\"3\" fill=\"#fff\"/></clipPath>")
            .Add($"<g clip-path=\"url(#r)\"><rect width=\"{left}\" height=\"{Height}\" fill=\"{LabelColour}\"/><rect x=\"{left}\" width=\"{right}\" height=\"{Height}\" fill=\"{colour}\"/><rect width=\"{width}\" height=\"{Height}\" fill=\"url(#s)\"/></g>")
            .Add($"<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"{KitFonts.Family}\" text-rendering=\"geometricPrecision\" font-size=\"110\">");
        Words(svg, label, (left / 2.0) * 10, labelText);
        Words(svg, message, (left + (right / 2.0)) * 10, messageText);
        svg.Add("</g>");
        return svg;
    }

    /// <summary>A text and its 30 % shadow one pixel lower, centred on <paramref name="x"/> (in tenths of a pixel).</summary>
    private static void Words(KitSvg svg, string text, double x, int width)
    {
        var escaped = KitSvg.Escape(text);
        var length = width * 10;
        svg.Add($"<text aria-hidden=\"true\" x=\"{KitSvg.N(x)}\" y=\"150\" fill=\"#010101\" fill-opacity=\".3\" transform=\"scale(.1)\" textLength=\"{length}\">{escaped}</text>")
            .Add($"<text x=\"{KitSvg.N(x)}\" y=\"140\" transform=\"scale(.1)\" fill=\"#fff\" textLength=\"{length}\">{escaped}</text>");
    }

    private static int TextWidth(string text)
    {
        var width = (int)Math.Ceiling(KitFonts.Shared.Measure(text, FontSize));
        return width % 2 == 0 ? width + 1 : width;
    }
}
