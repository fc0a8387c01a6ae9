using SkiaSharp;
using Svg.Skia.TypefaceProviders;

namespace Ralliement.Kit;

/// <summary>
/// The typefaces every kit image is measured and drawn with: DejaVu Sans and DejaVu Sans Bold,
/// shipped inside the application (Kit/Fonts), so an image is the same on every server and no font of
/// the machine is ever used. Loaded once; Skia's typefaces may be shared between threads.
/// </summary>
public sealed class KitFonts : ITypefaceProvider
{
    public static readonly KitFonts Shared = new();

    /// <summary>The family named in the SVG we write, first, so a browser that has it shows the same letters.</summary>
    public const string Family = "DejaVu Sans,Verdana,Geneva,sans-serif";

    private KitFonts()
    {
        Regular = Load("DejaVuSans.ttf");
        Bold = Load("DejaVuSans-Bold.ttf");
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    /// <summary>The advance width of <paramref name="text"/> in pixels at <paramref name="size"/>.</summary>
    public float Measure(string text, float size, bool bold = false)
    {
        using var font = new SKFont(bold ? Bold : Regular, size);
        return font.MeasureText(text);
    }

    /// <summary>The text, cut with an ellipsis where it would pass <paramref name="width"/>.</summary>
    public string Fit(string text, float size, bool bold, float width)
    {
        if (Measure(text, size, bold) <= width)
        {
            return text;
        }
        var length = text.Length;
        while (length > 0 && Measure(text[..length].TrimEnd() + "…", size, bold) > width)
        {
            length--;
        }
        return text[..length].TrimEnd() + "…";
    }

    /// <summary>
    /// The text broken into lines no wider than <paramref name="width"/>, at spaces (inside a word too
    /// long for a line), at most <paramref name="maxLines"/>, the last one ending with an ellipsis when
    /// the text goes on.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, float size, bool bold, float width, int maxLines)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (Measure(candidate, size, bold) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
            {
                lines.Add(line);
            }
            line = word;
            while (Measure(line, size, bold) > width && line.Length > 1)
            {
                var cut = line.Length - 1;
                while (cut > 1 && Measure(line[..cut], size, bold) > width)
                {
                    cut--;
                }
                lines.Add(line[..cut]);
                line = line[cut..];
            }
        }
        if (line.Length > 0)
        {
            lines.Add(line);
        }
        if (lines.Count <= maxLines)
        {
            return lines;
        }
        var kept = lines.Take(maxLines).ToList();
        var last = kept[^1];
        while (last.Length > 0 && Measure(last.TrimEnd() + "…", size, bold) > width)
        {
            // Back to the previous word when there is one, so the ellipsis follows a whole word.
            var space = last.LastIndexOf(' ');
            last = space > 0 ? last[..space] : last[..^1];
        }
        kept[^1] = last.TrimEnd() + "…";
        return kept;
    }

    /// <summary>
    /// Svg.Skia asks this for the typeface of each text: whatever family the SVG names, it gets ours,
    /// bold from weight 600 (CSS "bold" is 700). No other provider is set, so no system font is looked up.
    /// </summary>
    public SKTypeface? FromFamilyName(string fontFamily, SKFontStyleWeight fontWeight, SKFontStyleWidth fontWidth, SKFontStyleSlant fontStyle) =>
        (int)fontWeight >= 600 ? Bold : Regular;

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(KitFonts).Assembly.GetManifestResourceStream("Ralliement.Kit.Fonts." + file)
            ?? throw new InvalidOperationException($"The font {file} is not embedded in the application.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"Skia cannot read the font {file}.");
    }
}
