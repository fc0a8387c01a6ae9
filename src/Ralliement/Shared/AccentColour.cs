using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Ralliement.Shared;

/// <summary>
/// An organisation's accent colour, "#rrggbb": the background of its public pages' header and
/// primary buttons, under white text, and the colour of their links on the white page. The text on
/// it stays white rather than switching to black, so that a header and its buttons look alike
/// whatever the colour; and as contrast goes both ways, a colour readable under white text is also
/// readable as link text on white. Readable means WCAG 2.x level AA for normal text, 4.5:1
/// (https://www.w3.org/TR/WCAG22/#contrast-minimum).
/// </summary>
public static partial class AccentColour
{
    /// <summary>WCAG 2.x AA for normal text.</summary>
    public const double MinimumContrast = 4.5;

    public const string White = "#ffffff";

    /// <summary>The colour in the one form pages write, "#rrggbb" in lower case, or null when it is not a colour of that form.</summary>
    public static string? Parse(string? value)
    {
        var colour = value?.Trim().ToLowerInvariant();
        return colour is not null && Hex().IsMatch(colour) ? colour : null;
    }

    /// <summary>Whether white text on this colour, and this colour as text on white, reach 4.5:1.</summary>
    public static bool IsReadableWithWhiteText(string colour) => ContrastRatio(White, colour) >= MinimumContrast;

    /// <summary>The WCAG 2.x contrast ratio of two "#rrggbb" colours, from 1 (none) to 21 (black on white); the order does not matter.</summary>
    public static double ContrastRatio(string foreground, string background)
    {
        var (a, b) = (RelativeLuminance(foreground), RelativeLuminance(background));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    /// <summary>WCAG 2.x relative luminance: 0 for black, 1 for white.</summary>
    public static double RelativeLuminance(string colour)
    {
        var hex = Parse(colour) ?? throw new FormatException($"\"{colour}\" is not a colour written #rrggbb.");
        double Channel(int start)
        {
            var value = int.Parse(hex.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }
        return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
    }

    /// <summary>
    /// The colour a public page uses: the stored one when it is well formed and readable, else null
    /// for the default. Checked again here, where it is written into a page, whatever saved it.
    /// </summary>
    public static string? ForPublicPages(string? stored) =>
        Parse(stored) is { } colour && IsReadableWithWhiteText(colour) ? colour : null;

    /// <summary>
    /// The style element's content that sets the colour on a page. The content security policy
    /// allows no inline style but this one, by its hash (<see cref="StyleHash"/>).
    /// </summary>
    public static string StyleRule(string colour) =>
        ":root{--accent:" + (ForPublicPages(colour) ?? throw new ArgumentException("Not a readable #rrggbb colour.", nameof(colour))) + "}";

    /// <summary>The base64 SHA-256 of a style element's content, as a content security policy names it.</summary>
    public static string StyleHash(string rule) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(rule)));

    [GeneratedRegex("^#[0-9a-f]{6}$")]
    private static partial Regex Hex();
}
