using SkiaSharp;

namespace Ralliement.Kit;

/// <summary>
/// The width of a badge at 1×, for the <c>width</c> attribute an email signature gives its image:
/// shields' "flat" geometry (each part its text's width, rounded up to an odd number, plus 5 px on
/// each side), measured with the DejaVu Sans the kit ships at 11 px.
/// </summary>
public static class BadgeSize
{
    public const int Height = 20;
    private const float FontSize = 11;
    private const int Padding = 5;

    private static readonly Lazy<SKTypeface> Typeface = new(() =>
    {
        using var stream = typeof(BadgeSize).Assembly.GetManifestResourceStream("Ralliement.Kit.Fonts.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The kit's font is not embedded.");
        return SKTypeface.FromStream(stream);
    });

    public static int Width(string label, string message) => Part(label) + Part(message);

    private static int Part(string text)
    {
        using var font = new SKFont(Typeface.Value, FontSize);
        var width = (int)Math.Ceiling(font.MeasureText(text));
        return (width % 2 == 0 ? width + 1 : width) + (2 * Padding);
    }
}
