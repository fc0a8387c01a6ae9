using System.Globalization;
using System.Security;
using System.Text;
using System.Xml;
using SkiaSharp;
using Svg.Skia;

namespace Ralliement.Kit;

/// <summary>
/// Writes the SVG of a kit image and rasterises that same SVG to PNG with Svg.Skia, using only
/// <see cref="KitFonts"/>: the PNG is the SVG, pixel for pixel, whatever the server has installed.
/// </summary>
public sealed class KitSvg
{
    private readonly StringBuilder _svg = new();

    /// <param name="title">What the image says, for screen readers (<c>title</c> and <c>aria-label</c>).</param>
    public KitSvg(int width, int height, string title)
    {
        Width = width;
        Height = height;
        _svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Escape(title)}\">");
        _svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>");
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>
    /// Text escaped for XML, in an element or an attribute. XML cannot carry control characters other
    /// than tab and line breaks, nor a lone surrogate: a name stored with one is drawn without it,
    /// rather than making an image no XML reader (Svg.Skia's included) accepts.
    /// </summary>
    public static string Escape(string text) => SecurityElement.Escape(XmlCharacters(text));

    private static string XmlCharacters(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                kept.Append(text, i, 2);
                i++;
            }
        }
        return kept.ToString();
    }

    /// <summary>A number as SVG writes it: invariant, at most two decimals.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    /// <summary>Raw markup, built by the caller from <see cref="Escape"/>d text and <see cref="N"/> numbers.</summary>
    public KitSvg Add(string markup)
    {
        _svg.Append(markup);
        return this;
    }

    /// <param name="anchor">"start", "middle" or "end".</param>
    public KitSvg Text(double x, double y, string text, double size, string fill, bool bold = false, string anchor = "start", string? extra = null)
    {
        _svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-family=\"{KitFonts.Family}\" font-size=\"{N(size)}\"{(bold ? " font-weight=\"bold\"" : "")} fill=\"{fill}\"{(anchor == "start" ? "" : $" text-anchor=\"{anchor}\"")}{(extra is null ? "" : " " + extra)}>{Escape(text)}</text>");
        return this;
    }

    /// <summary>An uploaded logo (PNG, JPEG or WebP, checked on upload) as a <c>data:</c> image, fitted in the box.</summary>
    public KitSvg Image(double x, double y, double width, double height, KitLogo logo)
    {
        _svg.Append(CultureInfo.InvariantCulture,
            $"<image x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" preserveAspectRatio=\"xMidYMid meet\" href=\"data:{Escape(logo.ContentType)};base64,{Convert.ToBase64String(logo.Content)}\"/>");
        return this;
    }

    public override string ToString() => _svg + "</svg>";

    /// <summary>The SVG as PNG at <paramref name="scale"/> times its size, transparent where nothing is drawn.</summary>
    public byte[] ToPng(float scale = 1) => Rasterise(ToString(), Width, Height, scale);

    public static byte[] Rasterise(string svgText, int width, int height, float scale)
    {
        using var svg = new SKSvg();
        svg.Settings.TypefaceProviders = [KitFonts.Shared];
        var picture = svg.FromSvg(svgText) ?? throw new InvalidOperationException("Svg.Skia read no picture from a kit image.");
        var info = new SKImageInfo((int)Math.Round(width * scale), (int)Math.Round(height * scale), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        canvas.Scale(scale);
        canvas.DrawPicture(picture);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}

/// <summary>A campaign's logo as stored.</summary>
public sealed record KitLogo(string ContentType, byte[] Content);
