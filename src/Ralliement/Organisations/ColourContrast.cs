using System.Globalization;

namespace Ralliement.Organisations;

/// <summary>
/// Whether white text stays readable on an organisation's accent colour: the WCAG 2.x contrast ratio
/// (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio), which level AA wants at 4.5:1 or more for
/// normal text (success criterion 1.4.3). Buttons and the page header write white on the accent.
/// </summary>
public static class ColourContrast
{
    public const double MinimumForText = 4.5;

    /// <summary>Reads "#rrggbb" (either case); null for anything else, "#fff" and names included.</summary>
    public static (byte Red, byte Green, byte Blue)? Parse(string? colour)
    {
        if (colour is not { Length: 7 } || colour[0] != '#'
            || !int.TryParse(colour.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            return null;
        }
        return ((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }

    /// <summary>The relative luminance of an sRGB colour, from 0 (black) to 1 (white).</summary>
    public static double RelativeLuminance(byte red, byte green, byte blue) =>
        0.2126 * Linear(red) + 0.7152 * Linear(green) + 0.0722 * Linear(blue);

    /// <summary>The contrast ratio of two luminances, from 1 (the same) to 21 (black on white).</summary>
    public static double Ratio(double luminance, double other) =>
        (Math.Max(luminance, other) + 0.05) / (Math.Min(luminance, other) + 0.05);

    /// <summary>The contrast ratio of white text on the colour.</summary>
    public static double OfWhiteOn(byte red, byte green, byte blue) => Ratio(1, RelativeLuminance(red, green, blue));

    public static bool WhiteTextReadableOn(byte red, byte green, byte blue) => OfWhiteOn(red, green, blue) >= MinimumForText;

    private static double Linear(byte channel)
    {
        // WCAG 2.x writes 0.03928, the sRGB standard 0.04045: no 8-bit value lies between the two.
        var c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
